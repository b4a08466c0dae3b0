# Mistake: my_relu indexes a fifth dimension of a 4-D tensor and raises IndexError.
import math

import numpy as np
import torch


def my_max_pool(x, kernel_size, stride, padding):
    x_numpy = x.numpy()
    b, c, h_in, w_in = x_numpy.shape
    h_out = math.floor((h_in + 2 * padding - kernel_size) / stride + 1)
    w_out = math.floor((w_in + 2 * padding - kernel_size) / stride + 1)
    output = np.zeros((b, c, h_out, w_out))
    padded_x = np.full((b, c, h_in + 2 * padding, w_in + 2 * padding), -np.inf)
    padded_x[:, :, padding:h_in + padding, padding:w_in + padding] = x_numpy
    for i in range(h_out):
        for j in range(w_out):
            h_start = i * stride
            w_start = j * stride
            x_slice = padded_x[:, :, h_start:h_start + kernel_size, w_start:w_start + kernel_size]
            output[:, :, i, j] = np.amax(x_slice, axis=(2, 3))
    return torch.from_numpy(output)


def my_conv(x, in_channels, out_channels, kernel_size, stride, padding, weight, bias):
    x_numpy = x.numpy()
    n, c_in, h_in, w_in = x_numpy.shape
    weight_numpy = weight.detach().numpy()
    bias_numpy = bias.detach().numpy()
    h_out = math.floor((h_in + 2 * padding - kernel_size) / stride + 1)
    w_out = math.floor((w_in + 2 * padding - kernel_size) / stride + 1)
    output = np.zeros((n, out_channels, h_out, w_out))
    padded_x = np.zeros((n, c_in, h_in + 2 * padding, w_in + 2 * padding))
    padded_x[:, :, padding:h_in + padding, padding:w_in + padding] = x_numpy
    for k in range(n):
        for out_c in range(out_channels):
            for i in range(h_out):
                for j in range(w_out):
                    h_start = i * stride
                    w_start = j * stride
                    result = 0
                    for in_c in range(in_channels):
                        x_slice = padded_x[k, in_c, h_start:h_start + kernel_size, w_start:w_start + kernel_size]
                        result += np.sum(np.multiply(x_slice, weight_numpy[out_c, in_c]))
                    output[k, out_c, i, j] = result + bias_numpy[out_c]
    return torch.from_numpy(output)


def my_relu(x):
    x_numpy = x.numpy()
    scale = x_numpy.shape[4]  # an index past the last dimension
    return torch.from_numpy(np.maximum(x_numpy, 0))
