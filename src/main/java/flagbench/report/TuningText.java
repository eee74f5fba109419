package flagbench.report;

import flagbench.report.Tuning.Point;
import java.util.Locale;

/**
 * Words a {@link Tuning}: the curve as a Markdown table, the recommendation and its verdict, the noise, Little's law
 * for the downstream and for this machine's ceiling. Stateless.
 */
final class TuningText {

    private TuningText() {}

    private static String recommendedText(Tuning t) {
        if (t.recommended() != t.best()) {
            return String.format(
                    Locale.ROOT,
                    "%.0f downloads/s, %.2f×%s the best: %.0f at %d workers",
                    t.recommended().throughput(),
                    t.recommended().throughput() / t.best().throughput(),
                    intervalText(t, t.recommended()),
                    t.best().throughput(),
                    t.best().workers());
        }
        return String.format(
                Locale.ROOT,
                "%.0f downloads/s%s",
                t.best().throughput(),
                Tuning.surelyAtLeast(t.best()) >= t.best().throughput() * (1 - t.within())
                        ? ""
                        : "; no interval stays that close, not even the best's own, so the best itself: more forks (--forks) narrow them");
    }

    private static String ratioText(Tuning t, Point p) {
        return p == t.best()
                ? "1 (best)"
                : String.format(Locale.ROOT, "%.2f", p.throughput() / t.best().throughput()) + intervalText(t, p);
    }

    /** " [low, high]" of the point's ratio to the best, "" when there is none. */
    private static String intervalText(Tuning t, Point p) {
        return t.ratioToBest(p)
                .map(i -> String.format(Locale.ROOT, " [%.2f, %.2f]", i.low(), i.high()))
                .orElse("");
    }

    static String render(Tuning t) {
        var out = new StringBuilder();
        out.append("# tune ")
                .append(t.strategy())
                .append(" (")
                .append(t.setting())
                .append(")\n\n");
        out.append(
                "| workers | rounds | downloads/s [95 % CI] | vs best [95 % CI] | ideal (/s) | efficiency | failed |\n"
                        + "|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Point p : t.points()) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.0f [%.0f, %.0f] | %s | %s | %s | %s |%n",
                    p == t.recommended() ? "**" + p.workers() + "**" : String.valueOf(p.workers()),
                    p.rounds(),
                    p.throughput(),
                    p.low(),
                    p.high(),
                    ratioText(t, p),
                    MarkdownReport.number(p.idealThroughput(), "%.0f"),
                    MarkdownReport.number(p.efficiency(), "%.2f"),
                    p.errors() == 0
                            ? "0"
                            : String.format(Locale.ROOT, "%d (%.1f %%)", p.errors(), p.errorShare() * 100)));
        }
        out.append(String.format(
                Locale.ROOT,
                "%nRecommended maxWorkers: **%d**, the fewest whose 95 %% interval stays within %.0f %%"
                        + " of the best throughput (%s).%n",
                t.recommended().workers(),
                t.within() * 100,
                recommendedText(t)));
        out.append("Verdict: ").append(t.verdict()).append(".\n");
        if (!t.warmup().isEmpty()) {
            out.append(t.warmup()).append('\n');
        }
        t.usl()
                .ifPresent(usl -> out.append(usl.describe(
                                t.best().workers(),
                                t.best().throughput(),
                                t.points().get(t.points().size() - 1).workers()))
                        .append('\n'));
        double noise = t.plateauNoise();
        if (noise > t.within()) {
            out.append(String.format(
                    Locale.ROOT,
                    "Noise: from %d workers up, the points' 95 %% intervals reach ±%.0f %%, more than"
                            + " --within: another run may recommend another W (a larger --budget gives more samples a point).%n",
                    t.recommended().workers(),
                    noise * 100));
        }
        if (t.limit()
                instanceof
                TuningLimit.DownstreamBound d) { // the downstream is the one bound a user carries to the service
            out.append(String.format(
                    Locale.ROOT,
                    "%nLittle's law against this downstream (%s): MAX_WORKERS ≈ %.0f downloads/s · %.0f ms"
                            + " ≈ %.0f; more workers than that only wait or are refused, whatever this machine's ceiling.%n",
                    d.limits().words(),
                    d.bound(),
                    t.latencyMillis(),
                    d.bound() * t.latencyMillis() / 1000));
        }
        if (!Double.isNaN(t.ceiling())) {
            out.append(String.format(
                    Locale.ROOT,
                    "%nThis machine's ceiling for %s, measured at zero latency: X_max ≈ %.0f downloads/s."
                            + " Little's law: MAX_WORKERS ≈ X_max · L ≈ %.0f at 10 ms, %.0f at 100 ms, %.0f at 1 s"
                            + " (more workers than that only queue for the CPU).%n",
                    t.strategy(),
                    t.ceiling(),
                    t.workersFor(10),
                    t.workersFor(100),
                    t.workersFor(1000)));
        }
        out.append('\n');
        return out.toString();
    }

    /** A ratio as a signed percentage change: 1.07 is "+7%". */
    static String pct(double ratio) {
        return String.format(Locale.ROOT, "%+.0f%%", (ratio - 1) * 100);
    }
}
