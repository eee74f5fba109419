package flagbench.server;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.ChunkedDribbleDelay;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import flagbench.catalog.Catalog;
import flagbench.catalog.Country;
import flagbench.timing.Draws;
import flagbench.timing.Latency;
import flagbench.server.InFlightMeter.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides each request's answer, as the book's slow server does: a seeded latency, then an error
 * for that fraction of <em>all</em> requests (before any 404), a fault, or else the flag, its
 * metadata or 404. One WireMock stub feeds everything through here, so matching stays cheap.
 */
final class FlagResponder implements ResponseTransformerV2, ServeEventListener {

    private static final Pattern FLAG_PATH = Pattern.compile("/flags/([a-z]{2})/(?:\\1\\.gif|(metadata\\.json))");

    private final ServerConfig config;
    private final InFlightMeter meter;
    private final Catalog catalog = Catalog.get();
    private final AtomicLong sequence = new AtomicLong();
    private volatile Latency latency;

    FlagResponder(ServerConfig config, InFlightMeter meter) {
        this.config = config;
        this.meter = meter;
        this.latency = config.latency();
    }

    /** Changes the latency of the requests that arrive from now on. */
    void latency(Latency newLatency) {
        latency = newLatency;
    }

    @Override
    public String getName() {
        return "flagbench-responder";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public Response transform(Response stubbed, ServeEvent event) {
        var random = Draws.nth(config.seed(), sequence.getAndIncrement());
        long delay = latency.sampleMillis(random);
        boolean error = random.nextDouble() < config.errorRate();
        boolean fault = random.nextDouble() < config.faultRate();
        var answer = Response.Builder.like(stubbed).but().incrementInitialDelay(delay);
        Outcome outcome;
        if (error) {
            outcome = Outcome.ERROR;
            answer.status(config.errorStatus()).body(reason(config.errorStatus()));
        } else if (fault) {
            outcome = Outcome.FAULT;
            answer.fault(config.faults().get(random.nextInt(config.faults().size())).wireMockFault);
        } else {
            outcome = serveContent(event, answer);
        }
        meter.arrived(event.getId(), delay, outcome);
        return answer.build();
    }

    private Outcome serveContent(ServeEvent event, Response.Builder answer) {
        String url = event.getRequest().getUrl();
        int query = url.indexOf('?');
        Matcher m = FLAG_PATH.matcher(query < 0 ? url : url.substring(0, query));
        Country country = m.matches() ? catalog.find(m.group(1)).orElse(null) : null;
        if (country == null) {
            answer.status(404).body("404 Not Found");
            return Outcome.NOT_FOUND;
        }
        boolean metadata = m.group(2) != null;
        byte[] body = metadata
                ? catalog.metadataJson(country).getBytes(StandardCharsets.UTF_8)
                : catalog.gif(country);
        answer.status(200).body(body)
                .headers(new HttpHeaders(new HttpHeader("Content-Type", metadata ? "application/json" : "image/gif")));
        if (config.bytesPerSecond() > 0) {
            int millis = (int) Math.max(1, body.length * 1000L / config.bytesPerSecond());
            answer.chunkedDribbleDelay(new ChunkedDribbleDelay(Math.max(1, body.length / 1024), millis));
        }
        return Outcome.OK;
    }

    private static String reason(int status) {
        return status == 418 ? "418 I'm a teapot" : status + " flagbench injected error";
    }

    @Override
    public void afterComplete(ServeEvent event, Parameters parameters) {
        meter.completed(event.getId());
    }
}
