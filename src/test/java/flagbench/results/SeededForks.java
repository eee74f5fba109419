package flagbench.results;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Test data whose truth is known: forks of 10 samples, each fork's mean off by sd 1 %, each sample by sd 2 %. */
public final class SeededForks {

    private SeededForks() {}

    public static double[][] of(long seed, double mean, int count) {
        var random = new SplittableRandom(seed);
        return IntStream.range(0, count)
                .mapToObj(f -> {
                    double forkMean = mean * (1 + 0.01 * random.nextGaussian());
                    return random.doubles(10)
                            .map(u -> forkMean * (1 + 0.02 * random.nextGaussian()))
                            .toArray();
                })
                .toArray(double[][]::new);
    }
}
