package flagbench.catalog;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Deterministic stand-ins for the real flags: a striped GIF89a with the flag's width and height,
 * padded with a GIF comment block to exactly the real file's byte size, so that transfer sizes
 * match the book's server byte for byte.
 */
final class FlagImages {

    private static final byte[] PALETTE_RGB = {
        (byte) 0xCE,
        0x11,
        0x26, // red
        (byte) 0xFF,
        (byte) 0xFF,
        (byte) 0xFF, // white
        0x00,
        0x38,
        (byte) 0x93, // blue
        0x00,
        (byte) 0x9A,
        0x44, // green
        (byte) 0xFC,
        (byte) 0xD1,
        0x16, // yellow
        0x00,
        0x00,
        0x00, // black
        (byte) 0xF7,
        0x7F,
        0x00, // orange
        0x75,
        (byte) 0xAA,
        (byte) 0xDB, // light blue
    };
    private static final int COLOURS = PALETTE_RGB.length / 3;
    private static final byte TRAILER = 0x3B;
    private static final byte[] FILLER = "flagbench synthetic flag; ".getBytes(StandardCharsets.US_ASCII);

    private FlagImages() {}

    static byte[] render(Country country) {
        // Designs from richest to plainest: the first one that fits under the real size is padded to it.
        for (int stripes = 3; stripes >= 1; stripes--) {
            for (boolean vertical : new boolean[] {country.isoCode().charAt(1) % 2 == 0, false}) {
                byte[] gif = encode(draw(country, stripes, vertical));
                if (fitsPadding(country.gifBytes() - gif.length)) {
                    return pad(gif, country.gifBytes());
                }
            }
        }
        throw new IllegalStateException("cannot fit a " + country.width() + "x" + country.height() + " GIF into "
                + country.gifBytes() + " bytes for " + country.isoCode());
    }

    private static BufferedImage draw(Country country, int stripes, boolean vertical) {
        var model = new IndexColorModel(3, COLOURS, PALETTE_RGB, 0, false);
        var image = new BufferedImage(country.width(), country.height(), BufferedImage.TYPE_BYTE_INDEXED, model);
        int seed = country.isoCode().charAt(0) * 31 + country.isoCode().charAt(1);
        var raster = image.getRaster();
        int[] row = new int[country.width()];
        for (int y = 0; y < country.height(); y++) {
            for (int x = 0; x < country.width(); x++) {
                int band = vertical ? x * stripes / country.width() : y * stripes / country.height();
                row[x] = (seed + band * 3) % COLOURS;
            }
            raster.setPixels(0, y, country.width(), 1, row);
        }
        return image;
    }

    /**
     * Encodes in memory. ImageIO.write would go through ImageIO's disk cache, which leaves
     * {@code imageio*.tmp} files in the temp directory when the process is killed mid-write.
     */
    private static byte[] encode(BufferedImage image) {
        var writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no GIF writer in this JDK");
        }
        ImageWriter writer = writers.next();
        var out = new ByteArrayOutputStream();
        try (var stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A comment extension costs 3 bytes empty, 5 with one byte of text: a gap of 1, 2 or 4 cannot be filled. */
    private static boolean fitsPadding(int gap) {
        return gap == 0 || gap == 3 || gap >= 5;
    }

    /** Inserts a comment extension (0x21 0xFE, sub-blocks, 0x00) before the trailer to reach {@code size}. */
    private static byte[] pad(byte[] gif, int size) {
        int gap = size - gif.length;
        if (gap == 0) {
            return gif;
        }
        if (gif[gif.length - 1] != TRAILER) {
            throw new IllegalStateException("GIF writer did not end with a trailer");
        }
        byte[] padded = Arrays.copyOf(gif, size);
        int at = gif.length - 1;
        padded[at++] = 0x21;
        padded[at++] = (byte) 0xFE;
        int text = gap - 3; // bytes left for sub-blocks, each 1 length byte + data
        int blocks = (text + 255) / 256;
        int filler = 0;
        for (int b = 0; b < blocks; b++) {
            int len = Math.min(255, text - 1);
            if (b < blocks - 1 && text - (len + 1) < 2) {
                len = text - 3; // leave the last block at least one byte of text
            }
            padded[at++] = (byte) len;
            for (int i = 0; i < len; i++) {
                padded[at++] = FILLER[filler++ % FILLER.length];
            }
            text -= len + 1;
        }
        padded[at++] = 0x00;
        padded[at] = TRAILER;
        return padded;
    }
}
