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
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines and decodes each line strictly, so one line with undecodable
 * bytes is reported on its own instead of being silently replaced or failing the whole file.
 * Lines end with '\n' (a trailing '\r' dropped); a file whose first line break is a lone '\r'
 * (classic Mac) is split on '\r' instead. A line longer than {@link #MAX_LINE_BYTES} is skipped to
 * its end and reported as too long, so memory stays bounded. Needs an ASCII-compatible charset
 * (the contract validator checks it).
 */
final class ByteLineReader {

    /**
     * A decoded line. When {@code undecodable}, text holds a lossy decoding for diagnosis; when
     * {@code tooLong}, text is null. {@code readsLikeUtf8}: the charset is a single-byte one but
     * every byte above 0x7F belongs to a valid UTF-8 multi-byte sequence (é written as Ã©).
     */
    record Line(long number, String text, boolean undecodable, boolean tooLong, boolean readsLikeUtf8) {
    }

    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private final InputStream in;
    private final CharsetDecoder strict;
    private final Charset charset;
    private final boolean singleByteCharset;
    private final byte[] chunk = new byte[64 * 1024];
    private int chunkLength;
    private int chunkPosition;
    private byte[] line = new byte[1024];
    private long lineNumber;
    private boolean firstLine = true;
    /** Decided at the first line break: true when lines end with a lone '\r'. */
    private Boolean crLineEndings;
    /** A '\r' ended the last line: a '\n' right after it belongs to that line break. */
    private boolean afterCr;

    ByteLineReader(InputStream in, Charset charset) {
        this.in = in;
        this.charset = charset;
        this.strict = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.singleByteCharset = !charset.equals(StandardCharsets.UTF_8) && charset.newEncoder().maxBytesPerChar() == 1;
    }

    /** The next line, or null at the end of the stream. */
    Line next() {
        int length = 0;
        boolean tooLong = false;
        boolean sawAny = false;
        while (chunkPosition < chunkLength || fill()) {
            byte b = chunk[chunkPosition++];
            if (afterCr) {
                afterCr = false;
                if (b == '\n') {
                    continue;
                }
            }
            sawAny = true;
            if (b == '\n' && !Boolean.TRUE.equals(crLineEndings)) {
                crLineEndings = false;
                return tooLong ? skipped() : decode(length);
            }
            if (b == '\r' && crLineEndings != Boolean.FALSE && isLoneCr()) {
                crLineEndings = true;
                afterCr = true;
                return tooLong ? skipped() : decode(length);
            }
            if (tooLong) {
                continue;
            }
            if (length == line.length) {
                if (length >= MAX_LINE_BYTES) {
                    tooLong = true;
                    continue;
                }
                line = Arrays.copyOf(line, length * 2);
            }
            line[length++] = b;
        }
        if (tooLong) {
            return skipped();
        }
        return sawAny && length > 0 ? decode(length) : null;
    }

    /**
     * Whether the '\r' just read ends a line on its own. Once the file is known to use lone '\r'
     * line endings every '\r' does; before the first line break, only a '\r' not followed by '\n'.
     */
    private boolean isLoneCr() {
        if (Boolean.TRUE.equals(crLineEndings)) {
            return true;
        }
        if (chunkPosition == chunkLength && !fill()) {
            return true; // '\r' as the last byte of the file
        }
        return chunk[chunkPosition] != '\n';
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

    private Line skipped() {
        lineNumber++;
        firstLine = false;
        return new Line(lineNumber, null, false, true, false);
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
            return new Line(lineNumber, chars.toString(), false, false, singleByteCharset && readsLikeUtf8(line, start, end));
        } catch (CharacterCodingException e) {
            return new Line(lineNumber, new String(line, start, end - start, charset), true, false, false);
        }
    }

    /**
     * True when the bytes hold at least one byte above 0x7F and every such byte is part of a
     * well-formed UTF-8 sequence (lead byte C2-F4 and its continuation bytes). Latin-1 text almost
     * never does: an accented letter there is one high byte between ASCII letters.
     */
    static boolean readsLikeUtf8(byte[] bytes, int start, int end) {
        boolean sawSequence = false;
        int i = start;
        while (i < end) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int continuations = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : -1;
            if (continuations < 0 || i + continuations >= end) {
                return false;
            }
            for (int k = 1; k <= continuations; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            sawSequence = true;
            i += continuations + 1;
        }
        return sawSequence;
    }
}
