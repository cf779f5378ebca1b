package dev.fakecluster.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.sockets.Listener;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * The dispatcher: routes each request to version, health, OpenAPI, discovery or the resources, and
 * turns every failure into a {@code Status}. It also drains MockWebServer's record of requests,
 * which would otherwise grow with every request served.
 */
final class Router extends Dispatcher {

    static final String GIT_VERSION = "v1.32.0";
    private static final Logger LOG = Logger.getLogger(Router.class.getName());

    private final MockWebServer server;
    private final ApiServer api;
    private final Resources resources;
    private final Watches watches;
    private final Supplier<String> address;
    private final Admin admin;
    private final String token;

    Router(MockWebServer server, ApiServer api, Resources resources, Watches watches, Supplier<String> address,
            Admin admin, String token) {
        this.server = server;
        this.api = api;
        this.resources = resources;
        this.watches = watches;
        this.address = address;
        this.admin = admin;
        this.token = token;
    }

    @Override
    public MockResponse dispatch(RecordedRequest recorded) throws InterruptedException {
        Listener.drainRecord(server);
        try {
            Request request = Request.of(recorded);
            authenticate(request);
            if (request.bodyTruncated()) {
                throw Statuses.tooLarge();
            }
            if (request.acceptsOnlyProtobuf()) {
                throw Statuses.notAcceptable();
            }
            return route(request);
        } catch (ApiException e) {
            return Replies.error(e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "request failed: " + recorded, e);
            return Replies.error(Statuses.internal(e));
        }
    }

    /**
     * With a token set: a wrong or unknown bearer token is 401 everywhere; no credentials at all
     * (anonymous) may still read health and version, as {@code system:public-info-viewer} allows.
     */
    private void authenticate(Request request) {
        if (token == null) {
            return;
        }
        String authorization = request.header("Authorization");
        if (authorization.equals("Bearer " + token)) {
            return;
        }
        List<String> s = request.segments();
        boolean publicInfo = s.size() == 1 && List.of("version", "healthz", "readyz", "livez").contains(s.get(0));
        if (authorization.isEmpty() && publicInfo) {
            return;
        }
        throw new ApiException("Unauthorized", 401, "Unauthorized", null);
    }

    private MockResponse route(Request request) {
        List<String> s = request.segments();
        if (s.isEmpty()) {
            throw Statuses.pathNotFound();
        }
        return switch (s.get(0)) {
            case "version" -> version();
            case "healthz", "readyz", "livez" -> Replies.text(200, "ok");
            case "openapi" -> openApi(s);
            case "api" -> core(request, s);
            case "apis" -> groups(request, s);
            case "fakecluster" -> admin.handle(request, s.subList(1, s.size()));
            default -> throw Statuses.pathNotFound();
        };
    }

    private MockResponse openApi(List<String> s) {
        ApiCatalog catalog = ApiCatalog.of(api.state());
        if (s.size() == 2 && s.get(1).equals("v3")) {
            return OpenApi.index(catalog);
        }
        if (s.size() > 2 && s.get(1).equals("v3")) {
            return OpenApi.document(catalog, s.subList(2, s.size()));
        }
        throw Statuses.pathNotFound();
    }

    private MockResponse core(Request request, List<String> s) {
        ApiCatalog catalog = ApiCatalog.of(api.state());
        if (s.size() == 1) {
            return Discovery.core(request, catalog, address.get());
        }
        String version = s.get(1);
        if (!catalog.serves("", version)) {
            throw Statuses.pathNotFound();
        }
        if (s.size() == 2) {
            return Discovery.resources(catalog, "", version);
        }
        return resources.handle(request, ResourcePath.parse(catalog, "", version, s.subList(2, s.size())));
    }

    private MockResponse groups(Request request, List<String> s) {
        ApiCatalog catalog = ApiCatalog.of(api.state());
        if (s.size() == 1) {
            return Discovery.groups(request, catalog);
        }
        String group = s.get(1);
        if (!catalog.groups().contains(group)) {
            throw Statuses.pathNotFound();
        }
        if (s.size() == 2) {
            return Discovery.group(catalog, group);
        }
        String version = s.get(2);
        if (!catalog.serves(group, version)) {
            throw Statuses.pathNotFound();
        }
        if (s.size() == 3) {
            return Discovery.resources(catalog, group, version);
        }
        return resources.handle(request, ResourcePath.parse(catalog, group, version, s.subList(3, s.size())));
    }

    private static MockResponse version() {
        ObjectNode v = Json.object();
        v.put("major", "1");
        v.put("minor", "32");
        v.put("gitVersion", GIT_VERSION);
        v.put("gitCommit", "0000000000000000000000000000000000000000");
        v.put("gitTreeState", "clean");
        v.put("buildDate", "2024-12-11T00:00:00Z");
        v.put("goVersion", "go1.23.3");
        v.put("compiler", "gc");
        v.put("platform", "linux/amd64");
        return Replies.json(200, v);
    }

    @Override
    public void close() {
        watches.close();
    }
}
