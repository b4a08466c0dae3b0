package io.tensorgrade.ref.io;

import io.tensorgrade.ref.RefException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * ImageNet (ILSVRC 2012) class labels: {@code synset_words.txt} (one class per line, "{@code n01440764 tench,
 * Tinca tinca}", the line number is the class index) and the validation annotations
 * ({@code ILSVRC2012_val_00000001.xml}: an {@code <annotation>} with one {@code <object><name>wnid</name>...}
 * per bounding box). The semantics are those of the course helper {@code getimagenetclasses.py}:
 * {@link #parseSynsetWords} is its {@code parsesynsetwords}, {@link #parseClassLabel} its {@code parseclasslabel}.
 */
public final class ImageNetLabels {
    /** synset_words.txt has 1000 lines of about 30 bytes; anything far larger is not that file. */
    private static final long MAX_SYNSET_FILE = 16L << 20;
    private static final long MAX_XML_FILE = 4L << 20;

    private ImageNetLabels() {
    }

    /**
     * The classes of a synset_words file, in file order.
     *
     * @param wnids        class index to WordNet id ({@code indicestosynsets})
     * @param indices      WordNet id to class index ({@code synsetstoindices})
     * @param descriptions WordNet id to its names, comma-separated as in the file ({@code synsetstoclassdescr})
     */
    public record Synsets(List<String> wnids, Map<String, Integer> indices, Map<String, String> descriptions) {
        public Synsets {
            wnids = List.copyOf(wnids);
            indices = Collections.unmodifiableMap(new LinkedHashMap<>(indices));
            descriptions = Collections.unmodifiableMap(new LinkedHashMap<>(descriptions));
            if (indices.size() != wnids.size() || descriptions.size() != wnids.size()) {
                throw new RefException("Synsets: wnids=" + wnids.size() + ", indices=" + indices.size()
                        + " and descriptions=" + descriptions.size() + " must have the same size");
            }
        }
    }

    /**
     * The class of one validation image.
     *
     * @param label     the class index of its objects
     * @param firstName the WordNet id written in its annotation, e.g. {@code n10148035}
     */
    public record ClassLabel(int label, String firstName) {
        public ClassLabel {
            if (label < 0) {
                throw new RefException("ClassLabel: label=" + label + " must be >= 0");
            }
        }
    }

    /** {@link #parseSynsetWords(List, String)} of a file (UTF-8). */
    public static Synsets parseSynsetWords(Path file) {
        return parseSynsetWords(readLines(file, MAX_SYNSET_FILE), file.toString());
    }

    /**
     * Parses synset_words lines: blank lines are skipped; otherwise the first whitespace-separated word is
     * the WordNet id, the remaining words joined by single spaces its description (so the line's own end
     * never becomes part of it), and the class index counts the non-blank lines from 0.
     *
     * @param source names the file in error messages
     * @throws RefException for a line with no description or a WordNet id that appears twice
     */
    public static Synsets parseSynsetWords(List<String> lines, String source) {
        List<String> wnids = new ArrayList<>();
        Map<String, Integer> indices = new LinkedHashMap<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words.length < 2) {
                throw new RefException("parseSynsetWords: " + source + ":" + (i + 1) + ": line '" + clip(line)
                        + "' has a WordNet id but no description");
            }
            String wnid = words[0];
            if (indices.containsKey(wnid)) {
                throw new RefException("parseSynsetWords: " + source + ":" + (i + 1) + ": WordNet id " + wnid
                        + " appears twice (first as class " + indices.get(wnid) + ")");
            }
            indices.put(wnid, wnids.size());
            wnids.add(wnid);
            descriptions.put(wnid, String.join(" ", List.of(words).subList(1, words.length)));
        }
        return new Synsets(wnids, indices, descriptions);
    }

    /**
     * The class of a validation annotation: every {@code object/name} directly under the root must be a known
     * WordNet id, and all must name the same class (an image with two classes, or none, has no single label).
     *
     * @throws RefException naming the file for a malformed XML, an unknown WordNet id, no object, or objects
     *                      of two or more classes
     */
    public static ClassLabel parseClassLabel(Path xml, Map<String, Integer> indices) {
        Document doc = parseXml(xml);
        Element root = doc.getDocumentElement();
        Set<Integer> labels = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        for (Element object : children(root, "object")) {
            for (Element name : children(object, "name")) {
                String wnid = name.getTextContent();
                Integer index = indices.get(wnid);
                if (index == null) {
                    throw new RefException("parseClassLabel: " + xml + ": object name '" + clip(wnid)
                            + "' is not a WordNet id of the synset list");
                }
                labels.add(index);
                names.add(wnid);
            }
        }
        if (labels.size() != 1) {
            throw new RefException("parseClassLabel: " + xml + " has objects of " + labels.size()
                    + " classes " + names + "; exactly one class is needed for a label");
        }
        return new ClassLabel(labels.iterator().next(), names.get(0));
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    private static Document parseXml(Path xml) {
        checkSize(xml, MAX_XML_FILE);
        try (InputStream in = Files.newInputStream(xml)) {
            return builder().parse(in);
        } catch (IOException e) {
            throw new RefException("parseClassLabel: cannot read " + xml + ": " + e.getMessage(), e);
        } catch (SAXException e) {
            throw new RefException("parseClassLabel: " + xml + " is not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** A parser without DTDs or external entities: annotation files need neither. */
    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            f.setXIncludeAware(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            // The default handler prints to stderr; the exception already carries the message.
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured securely", e);
        }
    }

    private static List<String> readLines(Path file, long max) {
        checkSize(file, max);
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RefException("parseSynsetWords: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void checkSize(Path file, long max) {
        try {
            if (Files.size(file) > max) {
                throw new RefException(file + " is larger than " + (max >> 20) + " MB; it is not a label file");
            }
        } catch (IOException e) {
            throw new RefException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String clip(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
