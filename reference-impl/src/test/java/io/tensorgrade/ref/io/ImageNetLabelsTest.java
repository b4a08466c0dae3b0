package io.tensorgrade.ref.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tensorgrade.ref.RefException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageNetLabelsTest {

    /** Real lines of synset_words.txt (its first three and the seed's groom, class 982 in the full file). */
    private static final List<String> LINES = List.of(
            "n01440764 tench, Tinca tinca",
            "n01443537 goldfish, Carassius auratus",
            "n01484850 great white shark, white shark, man-eater, man-eating shark, Carcharodon carcharias",
            "n10148035 groom, bridegroom");

    @TempDir
    Path dir;

    @Test
    void synsetLinesGiveIndicesInFileOrderAndTheRestOfTheLineAsDescription() {
        ImageNetLabels.Synsets s = ImageNetLabels.parseSynsetWords(LINES, "synset_words.txt");
        assertEquals(List.of("n01440764", "n01443537", "n01484850", "n10148035"), s.wnids());
        assertEquals(3, s.indices().get("n10148035"));
        assertEquals("groom, bridegroom", s.descriptions().get("n10148035"));
        assertEquals("great white shark, white shark, man-eater, man-eating shark, Carcharodon carcharias",
                s.descriptions().get("n01484850"));
    }

    @Test
    void blankLinesAreSkippedAndExtraSpacesCollapse() throws IOException {
        Path f = dir.resolve("synset_words.txt");
        Files.writeString(f, "n01440764   tench,  Tinca tinca\r\n\n  \nn01443537 goldfish, Carassius auratus\n");
        ImageNetLabels.Synsets s = ImageNetLabels.parseSynsetWords(f);
        assertEquals(Map.of("n01440764", 0, "n01443537", 1), s.indices());
        assertEquals("tench, Tinca tinca", s.descriptions().get("n01440764"));
    }

    @Test
    void aRepeatedWordNetIdIsRefusedNamingTheLine() {
        RefException e = assertThrows(RefException.class, () -> ImageNetLabels.parseSynsetWords(
                List.of("n01440764 tench", "n01443537 goldfish", "n01440764 tench again"), "s.txt"));
        assertTrue(e.getMessage().contains("s.txt:3: WordNet id n01440764 appears twice (first as class 0)"),
                e.getMessage());
    }

    @Test
    void aLineWithoutDescriptionIsRefused() {
        RefException e = assertThrows(RefException.class,
                () -> ImageNetLabels.parseSynsetWords(List.of("n01440764"), "s.txt"));
        assertTrue(e.getMessage().contains("s.txt:1: line 'n01440764' has a WordNet id but no description"),
                e.getMessage());
    }

    @Test
    void anAnnotationWithOneObjectGivesItsClassAndWordNetId() throws IOException {
        Path xml = annotation("val_1.xml", "n10148035");
        ImageNetLabels.ClassLabel l = ImageNetLabels.parseClassLabel(xml, indices());
        assertEquals(new ImageNetLabels.ClassLabel(3, "n10148035"), l);
    }

    @Test
    void twoBoxesOfOneClassGiveThatClass() throws IOException {
        Path xml = annotation("val_2.xml", "n01440764", "n01440764");
        assertEquals(new ImageNetLabels.ClassLabel(0, "n01440764"), ImageNetLabels.parseClassLabel(xml, indices()));
    }

    @Test
    void twoClassesHaveNoSingleLabel() throws IOException {
        Path xml = annotation("val_3.xml", "n01440764", "n01443537");
        RefException e = assertThrows(RefException.class, () -> ImageNetLabels.parseClassLabel(xml, indices()));
        assertTrue(e.getMessage().contains("has objects of 2 classes [n01440764, n01443537]"), e.getMessage());
    }

    @Test
    void noObjectAndUnknownWordNetIdsAreRefused() throws IOException {
        Path none = annotation("val_4.xml");
        assertTrue(assertThrows(RefException.class, () -> ImageNetLabels.parseClassLabel(none, indices()))
                .getMessage().contains("has objects of 0 classes"));
        Path unknown = annotation("val_5.xml", "n99999999");
        assertTrue(assertThrows(RefException.class, () -> ImageNetLabels.parseClassLabel(unknown, indices()))
                .getMessage().contains("object name 'n99999999' is not a WordNet id of the synset list"));
    }

    @Test
    void aDoctypeIsRefusedSoNoEntityIsExpanded() throws IOException {
        Path xml = dir.resolve("evil.xml");
        Files.writeString(xml, "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<annotation><object><name>&x;</name></object></annotation>");
        RefException e = assertThrows(RefException.class, () -> ImageNetLabels.parseClassLabel(xml, indices()));
        assertTrue(e.getMessage().contains("is not well-formed XML"), e.getMessage());
    }

    private static Map<String, Integer> indices() {
        return ImageNetLabels.parseSynsetWords(LINES, "synset_words.txt").indices();
    }

    /** An annotation in the ILSVRC 2012 val layout with one object per WordNet id. */
    private Path annotation(String name, String... wnids) throws IOException {
        StringBuilder b = new StringBuilder("<annotation>\n\t<folder>val</folder>\n\t<filename>" + name
                + "</filename>\n\t<size>\n\t\t<width>500</width>\n\t\t<height>375</height>\n\t\t<depth>3</depth>\n"
                + "\t</size>\n\t<segmented>0</segmented>\n");
        for (String w : wnids) {
            b.append("\t<object>\n\t\t<name>").append(w).append("</name>\n\t\t<pose>Unspecified</pose>\n")
                    .append("\t\t<bndbox>\n\t\t\t<xmin>1</xmin>\n\t\t\t<ymin>2</ymin>\n\t\t\t<xmax>30</xmax>\n")
                    .append("\t\t\t<ymax>40</ymax>\n\t\t</bndbox>\n\t</object>\n");
        }
        Path p = dir.resolve(name);
        Files.writeString(p, b.append("</annotation>\n").toString());
        return p;
    }
}
