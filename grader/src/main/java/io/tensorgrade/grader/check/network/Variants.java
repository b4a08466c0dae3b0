package io.tensorgrade.grader.check.network;

import io.tensorgrade.ref.net.LayerSpec.Conv2d;
import io.tensorgrade.ref.net.LayerSpec.Linear;
import io.tensorgrade.ref.net.LayerSpec.TableConv2d;
import io.tensorgrade.ref.net.LayerSpec;
import io.tensorgrade.ref.net.NetworkSpec;
import io.tensorgrade.ref.ops.Pair;
import java.util.List;
import java.util.function.UnaryOperator;

/** Networks with a mistake applied to their layers, for the reference to count again. */
final class Variants {
    private Variants() {
    }

    /** Conv, table-conv and linear layers without biases (batch norm and subsampling keep their parameters). */
    static NetworkSpec withoutBiases(NetworkSpec net) {
        return map(net, layer -> bias(layer, false));
    }

    /** Conv, table-conv and linear layers with biases. */
    static NetworkSpec withBiases(NetworkSpec net) {
        return map(net, layer -> bias(layer, true));
    }

    /** Every connection-table conv replaced by a full conv with the same kernel and bias. */
    static NetworkSpec tablesIgnored(NetworkSpec net) {
        return map(net, layer -> layer instanceof TableConv2d t
                ? new Conv2d(t.in(), t.out(), t.kernel(), Pair.of(1), Pair.of(0), Pair.of(1), 1, t.bias()) : layer);
    }

    /** The first {@code n} layers. */
    static NetworkSpec truncated(NetworkSpec net, int n) {
        return n == net.layers().size() ? net : new NetworkSpec(net.name(), net.layers().subList(0, n));
    }

    /** Whether the layer has a bias flag (conv, table conv, linear). */
    static boolean weighted(LayerSpec layer) {
        return layer instanceof Conv2d || layer instanceof TableConv2d || layer instanceof Linear;
    }

    private static LayerSpec bias(LayerSpec layer, boolean bias) {
        if (layer instanceof Conv2d c) {
            return new Conv2d(c.in(), c.out(), c.kernel(), c.stride(), c.padding(), c.dilation(), c.groups(), bias);
        }
        if (layer instanceof TableConv2d t) {
            return new TableConv2d(t.in(), t.kernel(), t.table(), bias);
        }
        if (layer instanceof Linear l) {
            return new Linear(l.in(), l.out(), bias);
        }
        return layer;
    }

    private static NetworkSpec map(NetworkSpec net, UnaryOperator<LayerSpec> f) {
        List<LayerSpec> layers = net.layers().stream().map(f).toList();
        return new NetworkSpec(net.name(), layers);
    }
}
