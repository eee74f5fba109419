package flagbench.server;

import com.github.tomakehurst.wiremock.admin.Router;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.AdminApiExtension;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import flagbench.timing.Downstream;
import flagbench.timing.Latency;
import flagbench.timing.Network;
import java.util.LinkedHashMap;
import java.util.function.Function;

/**
 * flagbench's own control routes, which let a benchmark in another JVM steer the server between
 * trials: {@code GET /__admin/flagbench/meter}, {@code POST /__admin/flagbench/meter/reset} (a measurement starts:
 * the downstream's bucket refills again), {@code POST /__admin/flagbench/meter/stop} (it ends: the bucket pauses
 * until the next, so the harness's own time between operations gives no tokens),
 * {@code PUT /__admin/flagbench/latency} (body: a latency such as {@code 100ms}) and
 * {@code PUT /__admin/flagbench/downstream} (body: a {@link Downstream} such as {@code capacity=50}),
 * {@code PUT /__admin/flagbench/network} (body: a {@link Network} such as {@code rtt=50ms}; answers where clients reach the
 * server across it, as {@code {"http": URL, "https": URL}}) and {@code PUT /__admin/flagbench/connections} (body:
 * {@code keep-alive}, or {@code close} to close each HTTP/1.1 connection after its answer). Their client is
 * {@link FlagServerClient}; they answer only requests with the server's {@link ControlToken}.
 */
final class ControlRoutes implements AdminApiExtension {

    /** Where WireMock mounts admin routes; the paths below start with it. */
    static final String ADMIN_ROOT = "/__admin";

    static final String METER = ADMIN_ROOT + "/flagbench/meter";
    static final String METER_RESET = ADMIN_ROOT + "/flagbench/meter/reset";
    static final String METER_STOP = ADMIN_ROOT + "/flagbench/meter/stop";
    static final String LATENCY = ADMIN_ROOT + "/flagbench/latency";
    static final String DOWNSTREAM = ADMIN_ROOT + "/flagbench/downstream";
    static final String NETWORK = ADMIN_ROOT + "/flagbench/network";
    static final String CONNECTIONS = ADMIN_ROOT + "/flagbench/connections";
    static final String KEEP_ALIVE = "keep-alive";
    static final String CLOSE = "close";

    /** Whether a request path is one of these routes: the only admin paths a flag server answers. */
    static boolean isControlPath(String path) {
        return path.equals(METER)
                || path.equals(METER_RESET)
                || path.equals(METER_STOP)
                || path.equals(LATENCY)
                || path.equals(DOWNSTREAM)
                || path.equals(NETWORK)
                || path.equals(CONNECTIONS);
    }

    private final InFlightMeter meter;
    private final FlagResponder responder;
    private final Function<Network, FlagServer.Addresses> network;

    ControlRoutes(InFlightMeter meter, FlagResponder responder, Function<Network, FlagServer.Addresses> network) {
        this.meter = meter;
        this.responder = responder;
        this.network = network;
    }

    @Override
    public String getName() {
        return "flagbench-control";
    }

    private static String relative(String adminPath) {
        return adminPath.substring(ADMIN_ROOT.length());
    }

    @Override
    public void contributeAdminApiRoutes(Router router) {
        router.add(
                RequestMethod.GET,
                relative(METER),
                (admin, event, params) -> ResponseDefinition.okForJson(meter.snapshot()));
        router.add(RequestMethod.POST, relative(METER_RESET), (admin, event, params) -> {
            meter.reset();
            responder.resumeDownstream();
            return ResponseDefinition.okForJson(meter.snapshot());
        });
        router.add(RequestMethod.POST, relative(METER_STOP), (admin, event, params) -> {
            responder.pauseDownstream();
            return ResponseDefinition.okForJson(meter.snapshot());
        });
        router.add(
                RequestMethod.PUT,
                relative(LATENCY),
                (admin, event, params) -> set(
                        () -> responder.latency(Latency.parse(event.getRequest().getBodyAsString()))));
        router.add(
                RequestMethod.PUT,
                relative(DOWNSTREAM),
                (admin, event, params) -> set(() ->
                        responder.downstream(Downstream.parse(event.getRequest().getBodyAsString()))));
        router.add(RequestMethod.PUT, relative(NETWORK), (admin, event, params) -> {
            try {
                var addresses = network.apply(Network.parse(event.getRequest().getBodyAsString()));
                var body = new LinkedHashMap<String, String>();
                body.put("http", addresses.http());
                addresses.https().ifPresent(https -> body.put("https", https));
                return ResponseDefinition.okForJson(body);
            } catch (IllegalArgumentException e) {
                return badRequest(e.getMessage());
            }
        });
        router.add(
                RequestMethod.PUT,
                relative(CONNECTIONS),
                (admin, event, params) -> set(() -> {
                    String body = event.getRequest().getBodyAsString().strip();
                    if (!body.equals(KEEP_ALIVE) && !body.equals(CLOSE)) {
                        throw new IllegalArgumentException(
                                "connections '" + body + "': use " + KEEP_ALIVE + " or " + CLOSE);
                    }
                    responder.closeEachConnection(body.equals(CLOSE));
                }));
    }

    /** 200 when the value parsed and took effect, 400 with the parser's one line when it did not. */
    private static ResponseDefinition set(Runnable change) {
        try {
            change.run();
            return ResponseDefinition.ok();
        } catch (IllegalArgumentException e) {
            return badRequest(e.getMessage());
        }
    }

    private static ResponseDefinition badRequest(String message) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(400)
                .withBody(message)
                .build();
    }
}
