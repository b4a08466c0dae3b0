/**
 * Checks of trained models: {@code check: accuracy} reads a submitted checkpoint without executing it,
 * checks its keys and shapes against the rubric's network, scores it with the Java inference on a held-out
 * data set (CIFAR-10 or MNIST, located relative to the rubric or in the {@code --data} folder) and grades
 * the accuracy with a threshold, a partial-credit ramp and a Wilson interval in the feedback.
 */
package io.tensorgrade.grader.check.model;
