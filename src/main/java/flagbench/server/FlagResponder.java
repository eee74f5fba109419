package flagbench.server;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.ChunkedDribbleDelay;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import flagbench.catalog.Catalog;
import flagbench.catalog.Country;
import flagbench.server.InFlightMeter.Outcome;
import flagbench.timing.Downstream;
import flagbench.timing.Draws;
import flagbench.timing.Latency;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides each request's answer, as the book's slow server does: a seeded latency, then an error
 * for that fraction of <em>all</em> requests (before any 404), a fault, or else the flag, its
 * metadata or 404. With a {@link Downstream}, the latency is the request's service time: it first
 * waits for a place ({@link Admission}), or is refused at once with the overload answer or 429 and
 * {@code Retry-After}. One WireMock stub feeds everything through here, so matching stays cheap.
 *
 * <p>Thread-safe: WireMock calls {@link #transform} from many request threads at once, while the control routes change
 * the latency, the downstream and the closing of connections. Each request reads those once ({@code volatile}) and keeps
 * what it read; its draws come from its own sequence number, so an answer depends on its place in the arrival order,
 * not on which thread served it. Replacing the downstream is synchronized, so two control requests cannot leave the one
 * that lost half applied.
 */
final class FlagResponder implements ResponseTransformerV2, ServeEventListener {

    private static final Pattern FLAG_PATH = Pattern.compile("/flags/([a-z]{2})/(?:\\1\\.gif|(metadata\\.json))");

    private final ServerConfig config;
    private final InFlightMeter meter;
    private final Catalog catalog = Catalog.get();
    private final AtomicLong sequence = new AtomicLong();
    private volatile Latency latency;
    /** The limits requests meet now; null without any. */
    private volatile Admission admission;

    FlagResponder(ServerConfig config, InFlightMeter meter) {
        this.config = config;
        this.meter = meter;
        this.latency = config.latency();
        downstream(config.downstream());
    }

    /**
     * Replaces the downstream: the requests that arrive from now on meet its limits. The limits it had last keep their
     * state (places, queue, tokens): each benchmark trial sets its downstream again after a warm-up without one, and a
     * new trial against the same service is not a new service; a fresh bucket each trial gave every trial a burst of R
     * more, and a sweep of 5-second points read 12 % above the rate.
     */
    synchronized void downstream(Downstream newDownstream) {
        if (newDownstream.limited()
                && (lastAdmission == null || !lastAdmission.downstream().equals(newDownstream))) {
            lastAdmission = new Admission(newDownstream);
        }
        admission = newDownstream.limited() ? lastAdmission : null;
    }

    private Admission lastAdmission;

    /** The rate limit's bucket stops refilling until the next measurement or request ({@link Admission#pause}). */
    void pauseDownstream() {
        Admission gate = admission;
        if (gate != null) {
            gate.pause(System.nanoTime());
        }
    }

    void resumeDownstream() {
        Admission gate = admission;
        if (gate != null) {
            gate.resume(System.nanoTime());
        }
    }

    /** The tokens in the rate limit's bucket; NaN without one. */
    double tokens() {
        Admission gate = admission;
        return gate == null ? Double.NaN : gate.tokens(System.nanoTime());
    }

    private volatile boolean closeEach;

    /** Whether HTTP/1.1 answers from now on close their connection ({@link FlagServer#closeEachConnection}). */
    void closeEachConnection(boolean close) {
        closeEach = close;
    }

    /** Changes the latency of the requests that arrive from now on; those in flight are the last trial's, and forgotten. */
    void latency(Latency newLatency) {
        latency = newLatency;
        meter.forgetInFlight();
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
        long service = latency.sampleMillis(random);
        boolean error = random.nextDouble() < config.errorRate();
        boolean fault = random.nextDouble() < config.faultRate();
        Admission gate = admission;
        long arrival = System.nanoTime(); // one reading: the admission's and the meter's (InFlightMeter.arrivedAt)
        Admission.Decision decision = gate == null ? NOT_LIMITED : gate.admit(arrival, service * 1_000_000);
        if (decision.refused()) {
            meter.arrivedAt(event.getId(), arrival, 0, 0, Outcome.REFUSED);
            return refusal(stubbed, decision, gate.downstream());
        }
        long delay = answerDelayMillis(service, decision.waitNanos());
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
        meter.arrivedAt(event.getId(), arrival, decision.waitNanos(), delay, outcome);
        Response built = answer.build();
        if (closeEach && !event.getRequest().getProtocol().startsWith("HTTP/2")) {
            return Response.Builder.like(built)
                    .but()
                    .headers(built.getHeaders().plus(new HttpHeader("Connection", "close")))
                    .build();
        }
        return built;
    }

    private static final Admission.Decision NOT_LIMITED = Admission.Decision.admitted(0);

    /**
     * When the answer leaves, in whole milliseconds (WireMock's delay): the service time after the wait for a place,
     * the wait rounded up. Rounded to the nearest, an answer could leave before its place in the capacity is free, and
     * its worker's next request would queue behind it: W - C + 1 waiting where a closed loop of W workers has W - C.
     */
    static long answerDelayMillis(long serviceMillis, long waitNanos) {
        return serviceMillis + Math.ceilDiv(waitNanos, 1_000_000L);
    }

    /** The answer to a request the downstream has no room for: at once, as a busy service answers. */
    private static Response refusal(Response stubbed, Admission.Decision decision, Downstream downstream) {
        var answer = Response.Builder.like(stubbed).but();
        int status = decision.refusal() == Admission.Refusal.RATE_LIMITED
                ? Downstream.RATE_LIMITED
                : downstream.overload().status();
        if (status == 0) {
            return answer.fault(Fault.EMPTY_RESPONSE).build();
        }
        return answer.status(status)
                .headers(new HttpHeaders(new HttpHeader("Retry-After", String.valueOf(decision.retryAfterSeconds()))))
                .body(status == Downstream.RATE_LIMITED ? "429 Too Many Requests" : status + " Service Unavailable")
                .build();
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
        byte[] body = metadata ? catalog.metadataJson(country).getBytes(StandardCharsets.UTF_8) : catalog.gif(country);
        answer.status(200)
                .body(body)
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
