package flagbench.server;

import com.github.tomakehurst.wiremock.admin.Router;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.AdminApiExtension;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import flagbench.timing.Downstream;
import flagbench.timing.Latency;

/**
 * flagbench's own control routes, which let a benchmark in another JVM steer the server between
 * trials: {@code GET /__admin/flagbench/meter}, {@code POST /__admin/flagbench/meter/reset} (a measurement starts:
 * the downstream's bucket refills again), {@code POST /__admin/flagbench/meter/stop} (it ends: the bucket pauses
 * until the next, so the harness's own time between operations gives no tokens),
 * {@code PUT /__admin/flagbench/latency} (body: a latency such as {@code 100ms}) and
 * {@code PUT /__admin/flagbench/downstream} (body: a {@link Downstream} such as {@code capacity=50}). Their client is
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

    /** Whether a request path is one of these routes: the only admin paths a flag server answers. */
    static boolean isControlPath(String path) {
        return path.equals(METER) || path.equals(METER_RESET) || path.equals(METER_STOP) || path.equals(LATENCY)
                || path.equals(DOWNSTREAM);
    }

    private final InFlightMeter meter;
    private final FlagResponder responder;

    ControlRoutes(InFlightMeter meter, FlagResponder responder) {
        this.meter = meter;
        this.responder = responder;
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
        router.add(RequestMethod.GET, relative(METER), (admin, event, params) -> ResponseDefinition.okForJson(meter.snapshot()));
        router.add(RequestMethod.POST, relative(METER_RESET), (admin, event, params) -> {
            meter.reset();
            responder.resumeDownstream();
            return ResponseDefinition.okForJson(meter.snapshot());
        });
        router.add(RequestMethod.POST, relative(METER_STOP), (admin, event, params) -> {
            responder.pauseDownstream();
            return ResponseDefinition.okForJson(meter.snapshot());
        });
        router.add(RequestMethod.PUT, relative(LATENCY), (admin, event, params) ->
                set(() -> responder.latency(Latency.parse(event.getRequest().getBodyAsString()))));
        router.add(RequestMethod.PUT, relative(DOWNSTREAM), (admin, event, params) ->
                set(() -> responder.downstream(Downstream.parse(event.getRequest().getBodyAsString()))));
    }

    /** 200 when the value parsed and took effect, 400 with the parser's one line when it did not. */
    private static ResponseDefinition set(Runnable change) {
        try {
            change.run();
            return ResponseDefinition.ok();
        } catch (IllegalArgumentException e) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(400).withBody(e.getMessage()).build();
        }
    }
}
