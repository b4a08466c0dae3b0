package io.tensorgrade.grader.check.code;

import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.yaml.Problem;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rubric side of {@code steps:}, {@code compare:} and {@code diagnose:}; no Python needed. */
class StepSpecTest {

    static final String BASE = "file: layers.py\nreference: conv2d\n"
            + "inputs: {x: [1, 2, 5, 5], weight: [3, 2, 3, 3], bias: [3], grad_out: [1, 3, 5, 5]}\n"
            + "params: {stride: 1, padding: 1}\n";
    static final String FORWARD = "  - call: conv_forward_naive\n"
            + "    args: [x, weight, bias, {stride: $stride, pad: $padding}]\n"
            + "    returns: [out, cache]\n";
    static final String BACKWARD = "  - call: conv_backward_naive\n"
            + "    args: [grad_out, cache]\n"
            + "    returns: [grad_x, grad_weight, grad_bias]\n";
    static final String BOTH = BASE + "steps:\n" + FORWARD + BACKWARD;

    private static Check create(String yaml, List<Problem> problems) {
        ConfigReader c = new ConfigReader((YamlMap) YamlReader.readYaml(yaml).root(), problems, Path.of("."));
        c.checkKeys(new java.util.TreeSet<>(new FunctionKind().keys()));
        Check check = new FunctionKind().create(c);
        return problems.isEmpty() ? check : null;
    }

    private static String problems(String yaml) {
        List<Problem> problems = new ArrayList<>();
        assertNull(create(yaml, problems));
        return problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("\n"));
    }

    private static StepsCheck valid(String yaml) {
        List<Problem> problems = new ArrayList<>();
        Check check = create(yaml, problems);
        assertNotNull(check, problems.toString());
        return assertInstanceOf(StepsCheck.class, check);
    }

    @Test
    void byDefaultEveryReturnedReferenceOutputIsComparedAndTheCacheIsAHandle() {
        StepsCheck check = valid(BOTH);
        assertEquals(List.of("out", "grad_x", "grad_weight", "grad_bias"), check.spec().compare());
        assertEquals(new StepSpec.Returned("cache"), check.spec().steps().get(1).args().get(1));
        assertEquals(new StepSpec.Input("grad_out"), check.spec().steps().get(1).args().get(0));
        assertTrue(check.expected().value().contains("grad_weight [3, 2, 3, 3]"), check.expected().value());
    }

    @Test
    void placeholdersTakeTheParamValues() {
        StepsCheck check = valid(BOTH);
        StepSpec.Literal literal = (StepSpec.Literal) check.spec().steps().get(0).args().get(3);
        assertEquals("{\"stride\":1,\"pad\":1}", literal.resolve(check.cases().get(0).params()).toString());
    }

    @Test
    void compareAndDiagnoseAreKept() {
        StepsCheck check = valid(BOTH + "compare: [grad_x, grad_weight]\ndiagnose: {grad_x: x}\n");
        assertEquals(List.of("grad_x", "grad_weight"), check.spec().compare());
        assertEquals(java.util.Map.of("grad_x", "x"), check.spec().diagnose());
    }

    @Test
    void aCallThatIsNotAPythonNameIsAnError() {
        String m = problems(BASE + "steps:\n" + FORWARD.replace("conv_forward_naive", "layers/conv-forward"));
        assertTrue(m.contains("steps[0].call: expected a Python function name such as conv_forward_naive,"
                + " found 'layers/conv-forward'"), m);
    }

    @Test
    void aHandleUsedBeforeItIsReturnedIsAnError() {
        String m = problems(BASE + "steps:\n" + BACKWARD + FORWARD);
        assertTrue(m.contains("steps[0].args[1]: 'cache' is used before the step that returns it"), m);
    }

    @Test
    void anUnknownBareNameIsAnErrorWithASuggestion() {
        String m = problems(BASE + "steps:\n" + FORWARD + BACKWARD.replace("[grad_out, cache]", "[grad_out, cach]"));
        assertTrue(m.contains("steps[1].args[1]: unknown name 'cach' (did you mean 'cache'?)"), m);
    }

    @Test
    void anUnknownPlaceholderIsAnError() {
        String m = problems(BASE + "steps:\n" + FORWARD.replace("$padding", "$pad"));
        assertTrue(m.contains("steps[0].args[3]: unknown param '$pad'"), m);
    }

    @Test
    void aComparedNameThatIsNotAReferenceOutputIsAnError() {
        String m = problems(BOTH + "compare: [grad_x, cache]\n");
        assertTrue(m.contains("compare: 'cache' is not an output of the reference; its outputs: out, grad_x,"
                + " grad_weight, grad_bias"), m);
    }

    @Test
    void aComparedNameThatNoStepReturnsIsAnError() {
        String m = problems(BOTH + "compare: [grad_w]\n");
        assertTrue(m.contains("compare: 'grad_w' is not returned by any step"), m);
    }

    @Test
    void diagnoseMustNameAnArgumentOfTheForwardStep() {
        String m = problems(BOTH + "diagnose: {grad_x: grad_out}\n");
        assertTrue(m.contains("diagnose: 'grad_out' (for grad_x) is not an argument of the forward step"
                + " conv_forward_naive; its input arguments: x, weight, bias"), m);
    }

    @Test
    void diagnoseMustNameAComparedValue() {
        String m = problems(BOTH + "compare: [grad_x]\ndiagnose: {grad_weight: weight}\n");
        assertTrue(m.contains("diagnose: 'grad_weight' is not a compared name; compared: grad_x"), m);
    }

    @Test
    void functionAndArgsDoNotGoWithSteps() {
        String m = problems(BOTH + "function: conv\nargs: [x]\n");
        assertTrue(m.contains("function: 'function' does not go with 'steps'"), m);
        assertTrue(m.contains("args: 'args' does not go with 'steps'"), m);
    }

    @Test
    void aReturnedNameMayNotShadowAnInput() {
        String m = problems(BASE + "steps:\n" + FORWARD.replace("[out, cache]", "[x, cache]"));
        assertTrue(m.contains("steps[0].returns: 'x' is already an input"), m);
    }
}
