package io.customerhub.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;

/**
 * Splits a byte stream on '\n' (dropping a trailing '\r') and decodes each line strictly, so one
 * line with undecodable bytes is reported on its own instead of being silently replaced or
 * failing the whole file. Needs an ASCII-compatible charset (the contract validator checks it).
 */
final class ByteLineReader {

    /** A decoded line; when {@code undecodable}, text holds a lossy decoding for diagnosis. */
    record Line(long number, String text, boolean undecodable) {
    }

    private static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private final InputStream in;
    private final CharsetDecoder strict;
    private final Charset charset;
    private final byte[] chunk = new byte[64 * 1024];
    private int chunkLength;
    private int chunkPosition;
    private byte[] line = new byte[1024];
    private long lineNumber;
    private boolean firstLine = true;

    ByteLineReader(InputStream in, Charset charset) {
        this.in = in;
        this.charset = charset;
        this.strict = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The next line, or null at the end of the stream. */
    Line next() {
        int length = 0;
        boolean sawAny = false;
        while (true) {
            if (chunkPosition == chunkLength && !fill()) {
                break;
            }
            sawAny = true;
            byte b = chunk[chunkPosition++];
            if (b == '\n') {
                return decode(length);
            }
            if (length == line.length) {
                if (length >= MAX_LINE_BYTES) {
                    throw new UncheckedIOException(new IOException("a line is longer than " + MAX_LINE_BYTES + " bytes"));
                }
                line = Arrays.copyOf(line, length * 2);
            }
            line[length++] = b;
        }
        return sawAny && length > 0 ? decode(length) : null;
    }

    private boolean fill() {
        try {
            int read = in.read(chunk);
            chunkLength = Math.max(read, 0);
            chunkPosition = 0;
            return read > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Line decode(int length) {
        lineNumber++;
        int start = 0;
        if (firstLine && length >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF) {
            start = 3; // UTF-8 byte order mark
        }
        firstLine = false;
        int end = length > start && line[length - 1] == '\r' ? length - 1 : length;
        ByteBuffer bytes = ByteBuffer.wrap(line, start, end - start);
        try {
            CharBuffer chars = strict.reset().decode(bytes);
            return new Line(lineNumber, chars.toString(), false);
        } catch (CharacterCodingException e) {
            return new Line(lineNumber, new String(line, start, end - start, charset), true);
        }
    }
}
