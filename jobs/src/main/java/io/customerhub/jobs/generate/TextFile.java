package io.customerhub.jobs.generate;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A buffered text file that can also take a line of raw bytes (to plant undecodable bytes). */
final class TextFile implements Closeable {

    private static final int BUFFER = 1 << 16;

    private final OutputStream bytes;
    private final Writer text;

    TextFile(Path path, Charset charset) throws IOException {
        this.bytes = new BufferedOutputStream(Files.newOutputStream(path), BUFFER);
        this.text = new BufferedWriter(new OutputStreamWriter(bytes, charset), BUFFER);
    }

    void line(CharSequence line) throws IOException {
        text.append(line).append('\n');
    }

    /**
     * Writes the line in ISO-8859-1 into a file of another encoding, the classic way a UTF-8 extract
     * gets bytes it cannot decode. An accent is planted at or after {@code from} if the line has none.
     */
    void latin1Line(String line, int from) throws IOException {
        byte[] raw = line.getBytes(StandardCharsets.ISO_8859_1);
        boolean hasHighByte = false;
        for (byte b : raw) {
            hasHighByte |= b < 0;
        }
        text.flush();
        if (!hasHighByte) {
            int e = line.indexOf('e', from);
            if (e >= 0) {
                raw[e] = (byte) 0xE9;
            } else {
                bytes.write(raw);
                raw = new byte[] {(byte) 0xE9};
            }
        }
        bytes.write(raw);
        bytes.write('\n');
    }

    @Override
    public void close() throws IOException {
        text.close();
    }
}
