package flagbench.download;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code Flux.flatMap(download, maxWorkers)}: the book's semaphore-bounded {@code flags2_asyncio.py}
 * as Spring users write it with WebClient, where flatMap's concurrency argument is the semaphore.
 * (flatMapSequential: the same concurrency, with the outcomes in the codes' order, as the tally counts them.)
 * No thread waits per download; the calling thread blocks once, for the whole list.
 *
 * <p>If the caller is interrupted, {@code block()} cancels the flux, which cancels the downloads
 * in flight; the ones that were already finishing are awaited, as in {@link AsyncHttp}.
 */
public final class Reactive implements Strategy {

    @Override
    public String name() {
        return "reactive";
    }

    @Override
    public String analogue() {
        return "flags2_asyncio.py, as Flux.flatMap";
    }

    @Override
    public Client.Call call() {
        return Client.Call.ASYNC;
    }

    @Override
    public Tally downloadMany(List<String> codes, Downloader downloader, int maxWorkers) {
        List<CompletableFuture<Outcome>> started = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Outcome> outcomes = Flux.fromIterable(codes)
                    .flatMapSequential(
                            code -> Mono.fromFuture(() -> track(started, downloader.downloadOneAsync(code))),
                            maxWorkers)
                    .collectList()
                    .block();
            return Tally.of(codes, outcomes);
        } catch (RuntimeException e) { // block() was interrupted, and has cancelled the flux
            Thread.currentThread().interrupt();
            return Tally.await(codes, List.copyOf(started));
        }
    }

    private static CompletableFuture<Outcome> track(
            List<CompletableFuture<Outcome>> started, CompletableFuture<Outcome> download) {
        started.add(download);
        return download;
    }
}
