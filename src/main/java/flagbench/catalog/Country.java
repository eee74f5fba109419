package flagbench.catalog;

/** One row of {@code countries.tsv}: the country's codes and its real flag GIF's size and dimensions. */
public record Country(
        String isoCode, String tldCode, String gecCode, String name, int gifBytes, int width, int height) {}
