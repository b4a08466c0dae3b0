package io.tensorgrade.ref.infer;

import io.tensorgrade.ref.tensor.Tensor;

/**
 * The state_dict tensors of one layer, shapes already checked; absent ones are null.
 *
 * @param weight      conv/linear weight, or batch-norm gamma
 * @param bias        conv/linear bias, or batch-norm beta
 * @param runningMean batch-norm running mean
 * @param runningVar  batch-norm running variance
 */
record LayerWeights(Tensor weight, Tensor bias, Tensor runningMean, Tensor runningVar) {

    static LayerWeights of(java.util.Map<String, Tensor> byName) {
        return new LayerWeights(byName.get(StateDictKeys.WEIGHT), byName.get(StateDictKeys.BIAS),
                byName.get(StateDictKeys.RUNNING_MEAN), byName.get(StateDictKeys.RUNNING_VAR));
    }
}
