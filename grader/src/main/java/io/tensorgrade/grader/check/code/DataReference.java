package io.tensorgrade.grader.check.code;

import io.tensorgrade.grader.sandbox.Arg;
import io.tensorgrade.grader.sandbox.PyValue;
import io.tensorgrade.ref.io.ImageNetLabels;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Java reference for {@code check: json_function}: from one case's data files it computes the arguments the
 * student's function gets and the value it must return. The files are named by {@link #params()}; the
 * student receives a file as its path inside the sandbox ({@link Arg#data}).
 */
interface DataReference {

    /** The name used in rubrics ({@code reference: imagenet_synsets}). */
    String name();

    /** The data files of one case, by parameter name, in order. */
    List<String> params();

    /** The call and its result in Python terms, for documentation and {@code rubric explain}. */
    String signature();

    /** Names of the items of the returned tuple, for feedback ({@code synsetstoindices['n01440764']}). */
    List<String> outputNames();

    /**
     * The arguments and the expected value for these files (parameter name to host path).
     *
     * @throws io.tensorgrade.ref.RefException when the files are not what the reference accepts
     */
    Prepared prepare(Map<String, Path> files);

    /** Arguments (data files by their flat names) and what the function must return. */
    record Prepared(List<Arg> args, PyValue expected) {
        public Prepared {
            args = List.copyOf(args);
            Objects.requireNonNull(expected, "expected");
        }
    }

    /** The references tensorgrade ships with, by name. */
    static List<DataReference> all() {
        return List.of(new ImageNetSynsets(), new ImageNetClassLabel());
    }

    static Optional<DataReference> find(String name) {
        return all().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** {@code parsesynsetwords(path)}: the course helper's reading of synset_words.txt. */
    final class ImageNetSynsets implements DataReference {
        @Override
        public String name() {
            return "imagenet_synsets";
        }

        @Override
        public List<String> params() {
            return List.of("synsets");
        }

        @Override
        public String signature() {
            return "f(path of synsets) -> (indicestosynsets: {int: wnid}, synsetstoindices: {wnid: int},"
                    + " synsetstoclassdescr: {wnid: description})";
        }

        @Override
        public List<String> outputNames() {
            return List.of("indicestosynsets", "synsetstoindices", "synsetstoclassdescr");
        }

        @Override
        public Prepared prepare(Map<String, Path> files) {
            Path file = files.get("synsets");
            ImageNetLabels.Synsets s = ImageNetLabels.parseSynsetWords(file);
            Map<PyValue, PyValue> indToSyn = new LinkedHashMap<>();
            Map<PyValue, PyValue> synToInd = new LinkedHashMap<>();
            Map<PyValue, PyValue> synToDescr = new LinkedHashMap<>();
            for (int i = 0; i < s.wnids().size(); i++) {
                String wnid = s.wnids().get(i);
                indToSyn.put(PyValue.of(i), PyValue.of(wnid));
                synToInd.put(PyValue.of(wnid), PyValue.of(i));
                synToDescr.put(PyValue.of(wnid), PyValue.of(s.descriptions().get(wnid)));
            }
            PyValue expected = PyValue.tuple(PyValue.dict(indToSyn), PyValue.dict(synToInd), PyValue.dict(synToDescr));
            return new Prepared(List.of(Arg.data(file.getFileName().toString())), expected);
        }
    }

    /**
     * {@code parseclasslabel(path of xml, synsetstoindices)}: the class of a validation annotation; the
     * dict comes from the reference's reading of {@code synsets}, so this part does not depend on the
     * student's own parsesynsetwords.
     */
    final class ImageNetClassLabel implements DataReference {
        @Override
        public String name() {
            return "imagenet_class_label";
        }

        @Override
        public List<String> params() {
            return List.of("xml", "synsets");
        }

        @Override
        public String signature() {
            return "f(path of xml, synsetstoindices of synsets as a {wnid: int} dict) -> (label: int, firstname: wnid)";
        }

        @Override
        public List<String> outputNames() {
            return List.of("label", "firstname");
        }

        @Override
        public Prepared prepare(Map<String, Path> files) {
            ImageNetLabels.Synsets s = ImageNetLabels.parseSynsetWords(files.get("synsets"));
            Path xml = files.get("xml");
            ImageNetLabels.ClassLabel label = ImageNetLabels.parseClassLabel(xml, s.indices());
            PyValue expected = PyValue.tuple(PyValue.of(label.label()), PyValue.of(label.firstName()));
            return new Prepared(List.of(Arg.data(xml.getFileName().toString()), Arg.json(s.indices())), expected);
        }
    }
}
