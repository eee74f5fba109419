package flagbench.download;

import java.util.List;

/** One way of scheduling {@link Downloader#downloadOne}: the book's {@code download_many}. */
public interface Strategy {

    /**
     * Downloads every code once. The tally's total always equals {@code codes.size()}; when the
     * calling thread is interrupted, it returns promptly, counting what was not done as errors.
     * No thread or executor it starts outlives the call.
     */
    Tally downloadMany(List<String> codes, Downloader downloader);
}
