package io.customerhub.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByteLineReaderTest {

    private static final Charset LATIN_1 = StandardCharsets.ISO_8859_1;

    private static List<ByteLineReader.Line> lines(byte[] bytes, Charset charset) {
        ByteLineReader reader = new ByteLineReader(new ByteArrayInputStream(bytes), charset);
        List<ByteLineReader.Line> lines = new ArrayList<>();
        for (ByteLineReader.Line line = reader.next(); line != null; line = reader.next()) {
            lines.add(line);
        }
        return lines;
    }

    private static List<String> texts(String content) {
        return lines(content.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).stream().map(ByteLineReader.Line::text).toList();
    }

    @Test
    void crOnlyLineEndingsAreLineBreaks() {
        assertThat(texts("id,name\rA1,Anne\rA2,Paul\r")).containsExactly("id,name", "A1,Anne", "A2,Paul");
        assertThat(texts("id,name\rA1,Anne")).containsExactly("id,name", "A1,Anne");
    }

    @Test
    void lfAndCrlfFilesKeepALoneCrInsideALine() {
        assertThat(texts("a\r\nb\rc\r\nd")).containsExactly("a", "b\rc", "d");
        assertThat(texts("a\nb\rc\n")).containsExactly("a", "b\rc");
    }

    @Test
    void aCrlfInACrFileIsOneLineBreak() {
        List<ByteLineReader.Line> lines = lines("a\rb\r\nc\r".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(lines).extracting(ByteLineReader.Line::text).containsExactly("a", "b", "c");
        assertThat(lines).extracting(ByteLineReader.Line::number).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aLineOverTheLimitIsSkippedToItsEndAndReportedAlone() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("before\n".getBytes(StandardCharsets.UTF_8));
        byte[] huge = new byte[ByteLineReader.MAX_LINE_BYTES + 10];
        Arrays.fill(huge, (byte) 'x');
        bytes.writeBytes(huge);
        bytes.writeBytes("\nafter\n".getBytes(StandardCharsets.UTF_8));

        List<ByteLineReader.Line> lines = lines(bytes.toByteArray(), StandardCharsets.UTF_8);

        assertThat(lines).hasSize(3);
        assertThat(lines.get(1).tooLong()).isTrue();
        assertThat(lines.get(1).text()).isNull();
        assertThat(lines.get(2).text()).isEqualTo("after");
        assertThat(lines.get(2).number()).isEqualTo(3L);
    }

    @Test
    void utf8BytesReadAsLatin1AreFlaggedButLatin1TextIsNot() {
        byte[] utf8 = "V1;Véronique;Müller\n".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "V1;Véronique;Müller\n".getBytes(LATIN_1);

        assertThat(lines(utf8, LATIN_1).get(0).readsLikeUtf8()).isTrue();
        assertThat(lines(latin1, LATIN_1).get(0).readsLikeUtf8()).isFalse();
        assertThat(lines("V1;Dupont\n".getBytes(LATIN_1), LATIN_1).get(0).readsLikeUtf8()).isFalse();
        assertThat(lines(utf8, StandardCharsets.UTF_8).get(0).readsLikeUtf8()).isFalse();
    }

    @Test
    void aByteThatEndsALineMidSequenceIsNotUtf8() {
        byte[] cut = {'a', (byte) 0xC3};
        assertThat(ByteLineReader.readsLikeUtf8(cut, 0, cut.length)).isFalse();
    }
}
