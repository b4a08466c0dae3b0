package io.tensorgrade.grader.check.code;

import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckKind;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.check.DataUnavailableException;
import io.tensorgrade.ref.RefException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code check: json_function}: calls the student's Python function {@code function} from {@code file} in the
 * sandbox on data files of the rubric ({@code data}, a folder; each of {@code cases} names its files) and
 * compares the builtin Python value it returns (dicts, lists, tuples, strings, numbers) with the value the
 * Java {@code reference} computes from the same files. See docs/rubric-format.md.
 */
public final class JsonFunctionKind implements CheckKind {

    private static final Pattern DOTTED = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private static final Pattern DATA_FILE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final int MAX_CASES = 20;

    @Override
    public String name() {
        return "json_function";
    }

    @Override
    public String description() {
        return "calls a student's Python function in the sandbox on rubric data files and compares the Python"
                + " value it returns (dict, list, tuple, str, int) with a Java reference parser";
    }

    @Override
    public Set<String> keys() {
        Set<String> keys = new java.util.HashSet<>(io.tensorgrade.grader.check.CodeFiles.KEYS);
        keys.addAll(java.util.List.of("function", "reference", "data", "cases", "timeout"));
        return Set.copyOf(keys);
    }

    @Override
    public Check create(ConfigReader config) {
        String file = io.tensorgrade.grader.check.CodeFiles.gradedFile(config);
        String function = config.string("function");
        if (!function.isEmpty() && !DOTTED.matcher(function).matches()) {
            config.error("function", "expected a Python name such as parsesynsetwords, found '" + function + "'");
        }
        List<String> known = DataReference.all().stream().map(DataReference::name).toList();
        String refName = config.choice("reference", known, null);
        String data = config.string("data");
        double timeout = config.number("timeout", 10);
        if (!(timeout > 0 && timeout <= 600)) {
            config.error("timeout", "expected seconds between 0 and 600, found " + timeout);
        }
        if (refName.isEmpty() || !config.ok()) {
            return null;
        }
        DataReference reference = DataReference.find(refName).orElseThrow();
        List<Map<String, String>> cases = cases(config, reference);
        if (!config.ok()) {
            return null;
        }
        JsonFunctionCheck.Spec spec = new JsonFunctionCheck.Spec(file, function, reference, data, cases,
                Duration.ofMillis(Math.round(timeout * 1000)), io.tensorgrade.grader.check.CodeFiles.read(config));
        JsonFunctionCheck check = new JsonFunctionCheck(spec);
        // The files shipped next to the rubric are checked now, so a typo shows at `rubric validate`;
        // a folder found only under --data is read when grading.
        Path local = config.baseDir() == null ? null : config.baseDir().resolve(data).normalize();
        if (local != null && Files.isDirectory(local)) {
            try {
                check.prepare(local);
            } catch (RefException | DataUnavailableException e) {
                config.error("cases", "the reference " + refName + " rejects the data in " + local + ": "
                        + e.getMessage());
                return null;
            }
        }
        return check;
    }

    /** {@code cases}: a list of mappings from the reference's parameters to file names in the data folder. */
    private static List<Map<String, String>> cases(ConfigReader config, DataReference reference) {
        List<ConfigReader> items = config.items("cases", reference.params());
        if (items.isEmpty() && config.ok()) {
            config.error("cases", "expected at least one case naming " + String.join(", ", reference.params())
                    + ", e.g. {" + reference.params().get(0) + ": file.txt}");
        }
        if (items.size() > MAX_CASES) {
            config.error("cases", "expected at most " + MAX_CASES + " cases, found " + items.size());
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (ConfigReader item : items) {
            Map<String, String> files = new LinkedHashMap<>();
            for (String param : reference.params()) {
                String name = item.string(param);
                if (!name.isEmpty() && !DATA_FILE.matcher(name).matches()) {
                    item.error(param, "expected a file name inside the data folder (no folders), found '" + name + "'");
                }
                files.put(param, name);
            }
            out.add(files);
        }
        return out;
    }
}
