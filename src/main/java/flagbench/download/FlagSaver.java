package flagbench.download;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/** Saves flags as {@code {CC}.gif} in one directory, each written whole or not at all. */
public final class FlagSaver {

    private static final Pattern CODE = Pattern.compile("[A-Za-z]{2}");

    private final Path directory;

    public FlagSaver(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
    }

    public Path save(String code, byte[] gif) throws IOException {
        if (!CODE.matcher(code).matches()) {
            // only two letters can name a file: anything else might climb out of the directory
            throw new IllegalArgumentException("refusing to save '" + code + "': not a two-letter code");
        }
        Path target = directory.resolve(code.toUpperCase(java.util.Locale.ROOT) + ".gif");
        Path temp = Files.createTempFile(directory, "." + code, ".part");
        try {
            Files.write(temp, gif);
            return Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
