package io.tensorgrade.ref.testing;

import io.tensorgrade.ref.ops.Pair;
import io.tensorgrade.ref.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One known-answer case written by a generator script from PyTorch: named integer parameters
 * and named tensors. File format, one item per line, {@code #} starts a comment:
 * {@code case NAME}, {@code KEY INT...}, {@code tensor NAME DIM... : VALUE...}, {@code end}.
 */
public record TorchCase(String name, Map<String, int[]> ints, Map<String, Tensor> tensors) {

    public TorchCase {
        ints = Map.copyOf(ints);
        tensors = Map.copyOf(tensors);
    }

    /** All cases of a classpath resource such as {@code /io/tensorgrade/ref/ops/conv2d.cases}. */
    public static List<TorchCase> load(String resource) {
        try (InputStream s = TorchCase.class.getResourceAsStream(resource)) {
            if (s == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return parse(new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8)), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<TorchCase> parse(BufferedReader r, String resource) throws IOException {
        List<TorchCase> cases = new ArrayList<>();
        String name = null;
        Map<String, int[]> ints = new LinkedHashMap<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        String line;
        int no = 0;
        while ((line = r.readLine()) != null) {
            no++;
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] tok = line.split("\\s+");
            String where = resource + ":" + no;
            if (tok[0].equals("case")) {
                name = tok[1];
                ints = new LinkedHashMap<>();
                tensors = new LinkedHashMap<>();
            } else if (name == null) {
                throw new IllegalStateException(where + ": '" + tok[0] + "' outside a case");
            } else if (tok[0].equals("end")) {
                cases.add(new TorchCase(name, ints, tensors));
                name = null;
            } else if (tok[0].equals("tensor")) {
                int colon = Arrays.asList(tok).indexOf(":");
                int[] shape = new int[colon - 2];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = Integer.parseInt(tok[2 + i]);
                }
                double[] v = new double[tok.length - colon - 1];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Double.parseDouble(tok[colon + 1 + i]);
                }
                tensors.put(tok[1], Tensor.wrap(v, shape));
            } else {
                ints.put(tok[0], Arrays.stream(tok, 1, tok.length).mapToInt(Integer::parseInt).toArray());
            }
        }
        return cases;
    }

    public Tensor tensor(String key) {
        Tensor t = tensors.get(key);
        if (t == null) {
            throw new IllegalArgumentException("case " + name + " has no tensor " + key);
        }
        return t;
    }

    public boolean has(String key) {
        return tensors.containsKey(key) || ints.containsKey(key);
    }

    public int[] ints(String key) {
        int[] v = ints.get(key);
        if (v == null) {
            throw new IllegalArgumentException("case " + name + " has no parameter " + key);
        }
        return v.clone();
    }

    public int integer(String key) {
        return ints(key)[0];
    }

    public Pair pair(String key) {
        return Pair.of(ints(key), key);
    }

    public boolean flag(String key) {
        return integer(key) != 0;
    }

    /** The case name, so parameterized test reports read well. */
    @Override
    public String toString() {
        return name;
    }
}
