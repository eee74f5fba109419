package flagbench.download;

import java.util.List;

/**
 * Every request sent at once with {@code sendAsync}, then all awaited: the book's
 * {@code flags_asyncio.py}, whose {@code gather} has no limit either. No thread waits per download.
 *
 * <p>If the caller is interrupted, the requests still in flight are cancelled: {@code HttpClient}
 * aborts their exchanges. A download whose answer already arrived finishes saving and reporting
 * before {@code downloadMany} returns; one that had not is counted as an error and never saved.
 */
public final class AsyncHttp implements Strategy {

    @Override
    public String name() {
        return "async";
    }

    @Override
    public String analogue() {
        return "flags_asyncio.py";
    }

    @Override
    public int concurrency(int n, int maxWorkers) {
        return n;
    }

    @Override
    public Client.Call call() {
        return Client.Call.ASYNC;
    }

    @Override
    public Tally downloadMany(List<String> codes, Downloader downloader, int maxWorkers) {
        var futures = codes.stream().map(downloader::downloadOneAsync).toList();
        return Tally.await(codes, futures);
    }
}
