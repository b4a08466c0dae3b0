package io.tensorgrade.grader.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RefCostCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void alexnetJsonHasTorchvisionParamsAndMacs() throws Exception {
        CliRun run = CliRun.of("ref", "cost", "--net", "zoo:alexnet", "--input", "3,224,224", "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode root = JSON.readTree(run.out());
        assertEquals(61_100_840L, root.get("params").asLong());
        assertEquals(714_188_480L, root.get("macs").asLong());
        assertNull(root.get("flops"), "under the macs convention the count is MACs, named once");
        assertEquals("macs", root.get("convention").asText());
        assertEquals("[3,224,224]", root.get("input").toString());
        assertEquals(22, root.get("layers").size());
        JsonNode conv1 = root.get("layers").get(0);
        assertEquals("conv2d", conv1.get("kind").asText());
        assertEquals("[64,55,55]", conv1.get("output").toString());
        assertEquals(23_296L, conv1.get("params").asLong());
        assertEquals("64*55*55 * 3*11*11 = 70276800", conv1.get("formula").asText());
    }

    @Test
    void jsonIsOneObjectAndNothingElse() throws Exception {
        CliRun run = CliRun.of("ref", "cost", "--net", "zoo:lenet5", "--json");
        assertEquals(0, run.code(), run.err());
        var parser = JSON.createParser(run.out());
        JsonNode first = JSON.readTree(parser);
        assertTrue(first.isObject());
        assertEquals(null, parser.nextToken(), "nothing after the object");
        assertEquals(61_706L, first.get("params").asLong());
        assertEquals("[1,32,32]", first.get("input").toString(), "default input of the zoo network");
    }

    @Test
    void theMacsTableHasOneMacsColumn() {
        CliRun run = CliRun.of("ref", "cost", "--net", "zoo:lenet5");
        assertEquals(0, run.code(), run.err());
        String header = run.out().lines().skip(1).findFirst().orElseThrow();
        assertTrue(header.matches("\\s*#\\s+layer\\s+output\\s+params\\s+macs\\s+formula"), header);
    }

    @Test
    void flopsConventionDoublesAlexnetMacs() throws Exception {
        CliRun run = CliRun.of("ref", "cost", "--net", "zoo:alexnet", "--convention", "flops", "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode root = JSON.readTree(run.out());
        assertEquals(1_428_376_960L, root.get("flops").asLong());
        assertEquals("flops", root.get("convention").asText());
    }

    @Test
    void tableShowsEveryLayerAndTotals() {
        CliRun run = CliRun.of("ref", "cost", "--net", "zoo:lenet5-partial-c3", "--convention", "mul_add");
        assertEquals(0, run.code(), run.err());
        String[] lines = run.out().split("\\R");
        assertEquals(1 + 1 + 14 + 1, lines.length, run.out());
        assertTrue(lines[0].startsWith("lenet5-partial-c3, input 1x32x32, convention mul_add: "), lines[0]);
        assertTrue(lines[1].matches("\\s*#\\s+layer\\s+output\\s+params\\s+macs\\s+mul_add\\s+formula"), lines[1]);
        assertTrue(lines[6].contains("table_conv2d 6->16 k=5") && lines[6].contains("1516"), lines[6]);
        assertTrue(lines[16].matches("\\s+total\\s+10\\s+60806\\s+326520\\s+659344"), lines[16]);
    }

    @Test
    void unknownZooNameIsUsageErrorListingKnownNames() {
        CliRun run = CliRun.of("ref", "cost", "--net", "zoo:vgg16");
        assertEquals(2, run.code());
        assertEquals("tensorgrade: unknown zoo network 'vgg16'; known: alexnet, lenet5, lenet5-partial-c3, "
                + "lenet5-lecun1998, cs5242-cnn, cs231n-three-layer\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void unknownConventionIsUsageErrorListingKnownNames() {
        CliRun run = CliRun.of("ref", "cost", "--net", "zoo:alexnet", "--convention", "maccs");
        assertEquals(2, run.code());
        assertEquals("tensorgrade: unknown convention 'maccs'; known: macs, macs_with_bias, flops, flops_with_bias, "
                + "mul_add, mul_add_no_bias\n", run.err());
    }

    @Test
    void netWithoutZooPrefixIsUsageError() {
        CliRun run = CliRun.of("ref", "cost", "--net", "alexnet");
        assertEquals(2, run.code());
        assertTrue(run.err().startsWith("tensorgrade: --net 'alexnet': give zoo:NAME (known: zoo:alexnet, "),
                run.err());
    }

    @Test
    void aRubricPartsNetworkIsCostedWithItsInput() throws Exception {
        CliRun run = CliRun.of("ref", "cost", "--net", "../rubrics/lenet5-filters.yaml#p7_c3_params_full", "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode root = JSON.readTree(run.out());
        assertEquals("[1,28,28]", root.get("input").toString());
        assertEquals("[6,28,28]", root.get("layers").get(0).get("output").toString());
    }

    @Test
    void anUnknownPartOfARubricIsNamedWithASuggestion() {
        CliRun run = CliRun.of("ref", "cost", "--net", "../rubrics/lenet5-filters.yaml#p7_c3_params_ful");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("has no part 'p7_c3_params_ful' (did you mean 'p7_c3_params_full'?)"),
                run.err());
    }

    @Test
    void aNetworkFileIsReadAndItsProblemsNamedWithFileAndLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path ok = io.tensorgrade.grader.Fixtures.write(dir, "net.yaml",
                "network: [{conv2d: {in: 3, out: 8, kernel: 3}}, relu]\ninput: [3, 32, 32]\n");
        CliRun run = CliRun.of("ref", "cost", "--net", ok.toString(), "--json");
        assertEquals(0, run.code(), run.err());
        assertEquals(8L * 30 * 30 * 27, JSON.readTree(run.out()).get("macs").asLong());

        java.nio.file.Path bad = io.tensorgrade.grader.Fixtures.write(dir, "bad.yaml",
                "input: [3, 32, 32]\nnetwork:\n  - conv2d: {in: 3, out: 8, kernl: 3}\n");
        CliRun broken = CliRun.of("ref", "cost", "--net", bad.toString());
        assertEquals(2, broken.code());
        assertTrue(broken.err().contains(bad + ":3: network[0].conv2d.kernl: unknown key 'kernl' (did you mean"
                + " 'kernel'?)"), broken.err());
    }

    @Test
    void malformedInputIsUsageError() {
        CliRun run = CliRun.of("ref", "cost", "--net", "zoo:alexnet", "--input", "3,x,224");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("'3,x,224'"), run.err());
    }

    @Test
    void inputThatDoesNotFitFailsNamingTheLayer() {
        CliRun run = CliRun.of("ref", "cost", "--net", "zoo:cs231n-three-layer", "--input", "3,64,64");
        assertEquals(1, run.code());
        assertEquals("tensorgrade: cs231n-three-layer: layer 5 (linear 8192->100): got 32768 input features\n",
                run.err());
    }

    @Test
    void missingNetIsUsageError() {
        CliRun run = CliRun.of("ref", "cost");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--net"), run.err());
    }
}
