package flagbench.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The 194 countries of the book's flag server, with a deterministic GIF per country
 * that has the real flag's dimensions and exact byte size.
 */
public final class Catalog {

    private static final String RESOURCE = "countries.tsv";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Catalog INSTANCE = load();

    private final Map<String, Country> byCode;
    private final Map<String, byte[]> gifs = new ConcurrentHashMap<>();

    private Catalog(Map<String, Country> byCode) {
        this.byCode = Collections.unmodifiableMap(byCode);
    }

    public static Catalog get() {
        return INSTANCE;
    }

    private static Catalog load() {
        try (InputStream in = Catalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
            }
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, Country> countries = new LinkedHashMap<>();
            reader.readLine(); // header
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                var country = new Country(
                        f[0], f[1], f[2], f[3], Integer.parseInt(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6]));
                countries.put(country.isoCode(), country);
            }
            return new Catalog(countries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All countries, sorted by ISO code. */
    public List<Country> countries() {
        var list = new ArrayList<>(byCode.values());
        list.sort((a, b) -> a.isoCode().compareTo(b.isoCode()));
        return List.copyOf(list);
    }

    public List<String> codes() {
        return countries().stream().map(Country::isoCode).toList();
    }

    /** The country for a two-letter code in any case, or empty if the book's server has no flag for it. */
    public Optional<Country> find(String code) {
        return Optional.ofNullable(byCode.get(code.toUpperCase(Locale.ROOT)));
    }

    /** The flag GIF of a known country; made once, then served from memory. */
    public byte[] gif(Country country) {
        return gifs.computeIfAbsent(country.isoCode(), code -> FlagImages.render(country));
    }

    /** The book's {@code metadata.json} for a country. */
    public String metadataJson(Country c) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("iso_cc", c.isoCode());
        fields.put("tld_cc", c.tldCode());
        fields.put("gec_cc", c.gecCode());
        fields.put("country", c.name());
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
