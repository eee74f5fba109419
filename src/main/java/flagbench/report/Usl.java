package flagbench.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.math3.exception.ConvergenceException;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Gunther's Universal Scalability Law fitted to a throughput curve: X(W) = λW / (1 + σ(W−1) +
 * κW(W−1)). λ is one worker's throughput (1 / L when the latency alone limits it), σ the share
 * that serializes (here: the CPU every download needs, so the curve levels off towards λ / σ), κ
 * the cost of workers keeping each other coherent (here: thousands of platform threads and
 * connections, so the curve falls past its peak at W* = √((1 − σ) / κ)).
 *
 * <p>The fit smooths a run's points, so its peak is a second opinion beside the best measured
 * point, not a substitute: the real curve bends more sharply than the law's (min(W / L, X_max)),
 * and the fit says how far it is off (its RMS relative residual). Least squares on relative
 * residuals, so the few workers' small throughputs count as much as the plateau's.
 *
 * @param lambda downloads per second of one worker
 * @param sigma contention, 0 … 1
 * @param kappa coherency, at least 0
 * @param rms root mean square of the relative residuals (0.03 = the points lie 3 % off the curve)
 */
public record Usl(double lambda, double sigma, double kappa, double rms) {

    /** Points below which three parameters are not worth fitting. */
    static final int MIN_POINTS = 4;

    /** A peak further than this many times the largest count measured is no peak a user can reach. */
    static final double FAR = 10;

    /** A fit further off its points than this is said to be poor, and its peak not shown. */
    static final double POOR = 0.10;

    public double throughput(double workers) {
        return lambda * workers / (1 + sigma * (workers - 1) + kappa * workers * (workers - 1));
    }

    /** W* = √((1 − σ) / κ), where the curve peaks; empty when it does not fall (κ = 0). */
    public Optional<Double> peak() {
        return kappa > 0 ? Optional.of(Math.sqrt((1 - sigma) / kappa)) : Optional.empty();
    }

    public boolean poor() {
        return rms > POOR;
    }

    /**
     * The fit to {@code points} (worker count, downloads/s); empty with fewer than {@value #MIN_POINTS}
     * worker counts or when the optimizer does not converge.
     */
    public static Optional<Usl> fit(List<double[]> points) {
        if (points.stream().mapToDouble(p -> p[0]).distinct().count() < MIN_POINTS) {
            return Optional.empty();
        }
        double[] w = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] x = points.stream().mapToDouble(p -> p[1]).toArray();
        // start from the law through the first point and the best: λ from the fewest workers, σ so that the best fits,
        // κ small
        int first = 0;
        int best = 0;
        for (int i = 1; i < w.length; i++) {
            first = w[i] < w[first] ? i : first;
            best = x[i] > x[best] ? i : best;
        }
        double lambda = x[first] / w[first];
        double sigma = w[best] > 1 ? Math.max(1e-6, (lambda * w[best] / x[best] - 1) / (w[best] - 1)) : 1e-3;
        double kappa = sigma * 1e-3 / Math.max(1, w[best]);
        try {
            var optimum = new LevenbergMarquardtOptimizer()
                    .optimize(new LeastSquaresBuilder()
                            .start(new double[] {lambda, sigma, kappa})
                            .target(new double[w.length]) // relative residuals: model / measured − 1
                            .model(parameters -> {
                                double l = parameters.getEntry(0);
                                double s = parameters.getEntry(1);
                                double k = parameters.getEntry(2);
                                double[] value = new double[w.length];
                                double[][] jacobian = new double[w.length][3];
                                for (int i = 0; i < w.length; i++) {
                                    double d = 1 + s * (w[i] - 1) + k * w[i] * (w[i] - 1);
                                    double model = l * w[i] / d;
                                    value[i] = model / x[i] - 1;
                                    jacobian[i][0] = w[i] / d / x[i];
                                    jacobian[i][1] = -model * (w[i] - 1) / d / x[i];
                                    jacobian[i][2] = -model * w[i] * (w[i] - 1) / d / x[i];
                                }
                                return new Pair<>(
                                        new ArrayRealVector(value, false), new Array2DRowRealMatrix(jacobian, false));
                            })
                            // the law's bounds: λ > 0, 0 ≤ σ ≤ 1, κ ≥ 0
                            .parameterValidator(p -> new ArrayRealVector(new double[] {
                                Math.max(1e-9, p.getEntry(0)),
                                Math.min(1, Math.max(0, p.getEntry(1))),
                                Math.max(0, p.getEntry(2))
                            }))
                            .maxEvaluations(10_000)
                            .maxIterations(10_000)
                            .build());
            double[] fitted = optimum.getPoint().toArray();
            return Optional.of(new Usl(fitted[0], fitted[1], fitted[2], optimum.getRMS()));
        } catch (ConvergenceException | TooManyEvaluationsException | TooManyIterationsException e) {
            return Optional.empty();
        }
    }

    /** One line for a report: the parameters, the fit's quality, and its peak beside the best measured. */
    public String describe(int bestWorkers, double bestThroughput, double largestMeasured) {
        String law = String.format(
                Locale.ROOT,
                "Universal Scalability Law fitted to the points: λ = %.3g/s a worker, σ = %.2g, κ = %.2g,"
                        + " %.1f %% RMS off the points",
                lambda,
                sigma,
                kappa,
                rms * 100);
        if (poor()) {
            return law + ": too far off for its peak to mean much.";
        }
        Optional<Double> peak = peak().filter(w -> w <= FAR * largestMeasured);
        if (peak.isEmpty()) {
            return law
                    + String.format(
                            Locale.ROOT,
                            "; it does not fall within reach (κ ≈ 0): it levels off towards λ / σ ≈ %.0f downloads/s.",
                            sigma > 0 ? lambda / sigma : Double.POSITIVE_INFINITY);
        }
        double at = peak.get();
        return law
                + String.format(
                        Locale.ROOT,
                        "; its peak: %.0f downloads/s at %.0f workers%s (measured best: %.0f at %d;"
                                + " a flat top places the peak loosely, its height well).",
                        throughput(at),
                        at,
                        at > 2 * largestMeasured ? ", beyond the largest count measured" : "",
                        bestThroughput,
                        bestWorkers);
    }
}
