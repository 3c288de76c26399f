package org.stowage.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.repository.RepositoryNotReadyException;
import org.stowage.api.repository.SnapshotNotFoundException;
import org.stowage.api.repository.StowageException;

/**
 * The REST API under /stowage/api/, registered on Karaf's HTTP whiteboard. Every call but the login needs a user of
 * the JAAS realm (session or Basic) with the route's role, and state-changing calls pass the CSRF rule of
 * {@link Authentication}. Answers JSON; errors are {@code {"error": "..."}} with the status that fits. Holds the
 * tasks, events, sessions and device samples, which live as long as this component.
 */
// immediate: a delayed component would be deactivated whenever the whiteboard ungets it (it does while it rebuilds a
// context), and with it every session and task
@Component(service = Servlet.class, immediate = true, configurationPid = ApiServlet.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {"osgi.http.whiteboard.servlet.pattern=/stowage/api/*",
                "osgi.http.whiteboard.servlet.name=stowage-api"})
@Designate(ocd = WebConfig.class)
public class ApiServlet extends HttpServlet {

    static final String PID = "org.stowage.web";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);

    private final transient Router router = new Router();
    private final transient Sessions sessions;
    private final transient Authentication authentication;
    private final transient EventHub events = new EventHub();
    private final transient Tasks tasks;
    private final transient ScheduledExecutorService sampling;
    private final transient ServiceRegistration<StowageMetricsMXBean> metrics;

    @Activate
    public ApiServlet(@Reference StowageServices services, @Reference ConfigurationAdmin configAdmin,
                      WebConfig config, BundleContext context) {
        Clock clock = Clock.systemUTC();
        RestoreRoots roots = RestoreRoots.parse(config.restore_roots());
        sessions = new Sessions(Duration.ofMinutes(config.session_idle_minutes()), clock);
        authentication = new Authentication(sessions, new JaasAuthenticator(config.realm()),
                new LoginThrottle(clock));
        tasks = new Tasks(clock, events);
        DeviceSampler sampler = new DeviceSampler(services, events, clock);
        new SessionEndpoints(sessions, authentication).register(router);
        new MaintenanceEndpoints(services, tasks).register(router);
        new SnapshotEndpoints(services).register(router);
        new RestoreEndpoints(services, tasks, roots).register(router);
        new JobEndpoints(services, new JobConfigs(configAdmin), tasks).register(router);
        new DeviceEndpoints(services, sampler).register(router);
        new TaskEndpoints(tasks, events, sessions).register(router);
        router.add("GET", "/openapi.json", Role.VIEWER, this::openApi);
        sampling = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "stowage-web-device-sampler");
            thread.setDaemon(true);
            return thread;
        });
        sampling.scheduleWithFixedDelay(() -> {
            try {
                sampler.sample();
            } catch (RuntimeException e) {
                LOG.warn("Sampling the device states for the console failed: {}", e.toString());
            }
        }, 0, config.sample_seconds(), TimeUnit.SECONDS);
        // Karaf's JMX whiteboard (feature management) registers services with jmx.objectname as MBeans
        metrics = context == null ? null : context.registerService(StowageMetricsMXBean.class,
                new StowageMetrics(services, tasks, clock), new Hashtable<>(Map.of("jmx.objectname",
                        StowageMetricsMXBean.OBJECT_NAME)));
        LOG.info("Stowage web API on /stowage/api/ (realm {}, restore roots {})", config.realm(), roots.roots());
    }

    @Deactivate
    void deactivate() {
        if (metrics != null) {
            metrics.unregister();
        }
        sampling.shutdownNow();
        tasks.close();
    }

    Router router() {
        return router;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        String method = request.getMethod();
        try {
            Router.Match match = router.match(method, path);
            User user = null;
            if (match.route().role() != null) {
                Authentication.Caller caller = authentication.authenticate(request);
                user = caller.user();
                if (!user.role().includes(match.route().role())) {
                    throw new ApiException(403, "User '" + user.name() + "' is " + user.role().label() + "; "
                            + method + " " + path + " needs the " + match.route().role().label() + " role (Karaf "
                            + "role " + match.route().role().label() + " in etc/users.properties)");
                }
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    authentication.checkCsrf(request, caller);
                }
            }
            Object body = match.route().handler().handle(new Call(request, response, user, match.params()));
            if (body instanceof Reply reply) {
                if (reply.location() != null) {
                    response.setHeader("Location", reply.location());
                }
                send(response, reply.status(), reply.body());
            } else if (body != null || !response.isCommitted()) {
                send(response, 200, body);
            }
        } catch (ApiException e) {
            fail(response, e.status(), e.getMessage());
        } catch (SnapshotNotFoundException e) {
            fail(response, 404, e.getMessage());
        } catch (RepositoryNotReadyException e) {
            fail(response, 503, e.getMessage());
        } catch (StowageException e) {
            fail(response, 409, e.getMessage());
        } catch (IllegalArgumentException e) {
            fail(response, 400, e.getMessage());
        } catch (UnsupportedOperationException e) {
            fail(response, 501, e.getMessage() + "; update the Stowage engine");
        } catch (Exception e) {
            LOG.error("{} {} failed", method, path, e);
            fail(response, 500, "Internal error (" + e.getClass().getSimpleName() + ") in " + method + " " + path
                    + "; the details are in karaf.log");
        }
    }

    private Object openApi(Call call) throws IOException {
        try (InputStream in = ApiServlet.class.getResourceAsStream("/api/openapi.json")) {
            call.response.setContentType("application/json");
            in.transferTo(call.response.getOutputStream());
        }
        return null;
    }

    private static void send(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        Json.write(response.getOutputStream(), body);
    }

    private static void fail(HttpServletResponse response, int status, String message) throws IOException {
        if (response.isCommitted()) {
            LOG.warn("Request failed after its answer started ({}): {}", status, message);
            return;
        }
        response.reset();
        response.setHeader("Cache-Control", "no-store");
        send(response, status, Map.of("error", message == null ? "no message" : message));
    }
}
