package io.homefleet.hub.catalog;

import io.homefleet.common.contract.v1.CatalogApp;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns an uploaded Compose file into a {@link CatalogApp}: reads its {@code x-homefleet} or {@code x-casaos} block
 * (docs/hub.md, "App catalog"), checks that a de-privileged guest can run every service, and writes the Compose
 * file the controller will run. A refusal names each offending field; nothing is kept of a refused file.
 *
 * <p>The checks are the same for both formats. A CasaOS store file is first brought to what a guest can run, each
 * change with a notice: CasaOS's {@code /DATA} becomes the app's data directory ({@code /DATA/AppData/<app>/x} →
 * {@code ./x}, {@code /DATA/Media} → {@code ./Media}), and device mappings, added capabilities, sysctls and binds of
 * other host paths are dropped. What cannot be dropped without changing what the app is (a build, privileged mode,
 * the host's network, the Docker socket) is refused in either format.
 */
@ApplicationScoped
public class CatalogImporter {
    static final String HOMEFLEET = "x-homefleet";
    static final String CASAOS = "x-casaos";
    private static final Set<String> HOMEFLEET_KEYS = Set.of("id", "version", "main", "web_port", "scheme", "index",
            "title", "tagline", "description", "category", "icon", "install_fields", "backup");
    private static final Set<String> FIELD_KEYS = Set.of("key", "type", "label", "required", "default", "choices",
            "env");
    private static final Set<String> BACKUP_KEYS = Set.of("paths", "dump");
    private static final Set<String> DUMP_KEYS = Set.of("service", "command", "output");
    private static final Set<String> REQUIRED_LANGUAGES = Set.of("hu", "en");
    private static final Pattern ID = Pattern.compile(CatalogApp.ID);
    private static final Pattern VERSION = Pattern.compile(CatalogApp.VERSION);
    private static final Pattern IMAGE = Pattern.compile(
            "^[A-Za-z0-9][A-Za-z0-9._-]*(:[0-9]{1,5})?(/[a-z0-9][a-z0-9._-]*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?"
                    + "(@sha256:[0-9a-f]{64})?$");
    private static final Pattern CASAOS_APP_DATA = Pattern.compile("^/DATA/AppData/[^/]+(/.*)?$");
    private static final Set<String> DOCKER_SOCKETS = Set.of("/var/run/docker.sock", "/run/docker.sock",
            "/var/run/podman/podman.sock", "/run/podman/podman.sock");

    /** The app described by the file; 400 invalid-fields naming every offending field otherwise. */
    public CatalogApp importCompose(String yaml, Instant importedAt) {
        Map<String, Object> root = ComposeYaml.read(yaml);
        ImportProblems problems = new ImportProblems();
        boolean homefleet = root.containsKey(HOMEFLEET);
        boolean casaos = root.containsKey(CASAOS);
        if (homefleet == casaos) {
            problems.refuse(HOMEFLEET, homefleet ? "give either x-homefleet or x-casaos, not both"
                    : "a top-level x-homefleet block (or a CasaOS x-casaos block) is required");
            problems.throwIfRefused();
        }
        Map<String, Object> services = map(root.get("services"));
        if (services == null || services.isEmpty()) {
            problems.refuse("services", "a mapping of at least one service is required");
            problems.throwIfRefused();
        }
        Map<String, Object> block = map(root.get(homefleet ? HOMEFLEET : CASAOS));
        if (block == null) {
            problems.refuse(homefleet ? HOMEFLEET : CASAOS, "must be a mapping");
            problems.throwIfRefused();
        }
        Map<String, Object> compose = new LinkedHashMap<>(root);
        compose.remove(HOMEFLEET);
        compose.remove(CASAOS);
        List<CatalogApp.Service> apps = new ArrayList<>();
        Map<String, Object> runServices = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : services.entrySet()) {
            Map<String, Object> service = map(e.getValue());
            if (service == null) {
                problems.refuse("services." + e.getKey(), "must be a mapping");
                continue;
            }
            ServiceCheck check = new ServiceCheck(e.getKey(), new LinkedHashMap<>(service), casaos, problems);
            apps.add(check.run());
            runServices.put(e.getKey(), check.service());
        }
        compose.put("services", runServices);
        checkTopLevelVolumes(compose, problems);
        CatalogApp app = homefleet ? homefleetApp(block, apps, compose, problems, importedAt)
                : casaosApp(block, apps, compose, problems, importedAt);
        problems.throwIfRefused();
        return app;
    }

    private CatalogApp homefleetApp(Map<String, Object> block, List<CatalogApp.Service> services,
            Map<String, Object> compose, ImportProblems problems, Instant importedAt) {
        for (String key : block.keySet()) {
            if (!HOMEFLEET_KEYS.contains(key)) {
                problems.refuse(HOMEFLEET + "." + key, "unknown field (known: " + String.join(", ",
                        new java.util.TreeSet<>(HOMEFLEET_KEYS)) + ")");
            }
        }
        String id = id(block.get("id"), HOMEFLEET, problems);
        String version = version(block.get("version"), HOMEFLEET, problems);
        String main = main(block.get("main"), HOMEFLEET, services, problems);
        Integer webPort = port(block.get("web_port"), HOMEFLEET + ".web_port", problems);
        if (webPort != null && main != null && services.stream().filter(s -> s.name().equals(main))
                .flatMap(s -> s.ports() == null ? java.util.stream.Stream.empty() : s.ports().stream())
                .noneMatch(p -> webPort.equals(p.published()))) {
            problems.refuse(HOMEFLEET + ".web_port", "service '" + main + "' publishes no port " + webPort);
        }
        Map<String, String> title = texts(block.get("title"), HOMEFLEET + ".title", problems, true);
        Map<String, String> tagline = texts(block.get("tagline"), HOMEFLEET + ".tagline", problems, true);
        Map<String, String> description = texts(block.get("description"), HOMEFLEET + ".description", problems,
                true);
        String category = string(block.get("category"), HOMEFLEET + ".category", problems, true, 64);
        String icon = string(block.get("icon"), HOMEFLEET + ".icon", problems, false, 2048);
        List<CatalogApp.InstallField> fields = installFields(block.get("install_fields"), problems);
        CatalogApp.Backup backup = backup(block.get("backup"), services, problems);
        return new CatalogApp(id, version, "homefleet", main, webPort,
                string(block.get("scheme"), HOMEFLEET + ".scheme", problems, false, 16),
                string(block.get("index"), HOMEFLEET + ".index", problems, false, 1024), title, tagline, description,
                category, icon, fields, backup, services, problems.notices(), importedAt,
                problems.refused() ? "" : ComposeYaml.write(compose));
    }

    private CatalogApp casaosApp(Map<String, Object> block, List<CatalogApp.Service> services,
            Map<String, Object> compose, ImportProblems problems, Instant importedAt) {
        Object rawId = block.get("id");
        String id = id(rawId instanceof String s ? s.toLowerCase(Locale.ROOT) : rawId, CASAOS, problems);
        String version = version(block.get("version"), CASAOS, problems);
        String main = main(block.get("main"), CASAOS, services, problems);
        Integer webPort = null;
        Object portMap = block.get("port_map");
        if (portMap != null && !String.valueOf(portMap).isBlank()) {
            webPort = port(portMap, CASAOS + ".port_map", problems);
        }
        Map<String, String> title = texts(block.get("title"), CASAOS + ".title", problems, false);
        if (title != null && title.isEmpty()) {
            problems.refuse(CASAOS + ".title", "at least one language is required");
        }
        String scheme = string(block.get("scheme"), CASAOS + ".scheme", problems, false, 16);
        return new CatalogApp(id, version, "casaos", main, webPort, scheme == null || scheme.isBlank() ? null : scheme,
                string(block.get("index"), CASAOS + ".index", problems, false, 1024), title,
                texts(block.get("tagline"), CASAOS + ".tagline", problems, false),
                texts(block.get("description"), CASAOS + ".description", problems, false),
                string(block.get("category"), CASAOS + ".category", problems, false, 64),
                string(block.get("icon"), CASAOS + ".icon", problems, false, 2048), null, null, services,
                problems.notices(), importedAt, problems.refused() ? "" : ComposeYaml.write(compose));
    }

    /** Named volumes must not be host directories in disguise (the local driver's bind options). */
    private static void checkTopLevelVolumes(Map<String, Object> compose, ImportProblems problems) {
        Map<String, Object> volumes = map(compose.get("volumes"));
        if (volumes == null) {
            return;
        }
        for (Map.Entry<String, Object> v : volumes.entrySet()) {
            Map<String, Object> volume = map(v.getValue());
            Map<String, Object> options = volume == null ? null : map(volume.get("driver_opts"));
            if (options != null && options.containsKey("device")) {
                problems.refuse("volumes." + v.getKey() + ".driver_opts.device",
                        "a named volume may not bind a host path or device");
            }
        }
    }

    private static String id(Object value, String block, ImportProblems problems) {
        if (!(value instanceof String id) || !ID.matcher(id).matches()) {
            problems.refuse(block + ".id", value == null ? "is required" : CatalogApp.ID_MESSAGE);
            return null;
        }
        return id;
    }

    private static String version(Object value, String block, ImportProblems problems) {
        String version = value == null ? null : String.valueOf(value);
        if (version == null || value instanceof Map || value instanceof List || !VERSION.matcher(version).matches()) {
            problems.refuse(block + ".version", value == null ? "is required" : "'" + version + "' "
                    + CatalogApp.VERSION_MESSAGE);
            return null;
        }
        return version;
    }

    private static String main(Object value, String block, List<CatalogApp.Service> services,
            ImportProblems problems) {
        if (!(value instanceof String main) || main.isBlank()) {
            problems.refuse(block + ".main", "is required: the service that serves the web UI");
            return null;
        }
        if (services.stream().noneMatch(s -> s.name().equals(main))) {
            problems.refuse(block + ".main", "names no service of this file: '" + main + "'");
        }
        return main;
    }

    static Integer port(Object value, String field, ImportProblems problems) {
        if (value == null) {
            return null;
        }
        try {
            int port = Integer.parseInt(String.valueOf(value).trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        problems.refuse(field, "'" + value + "' is not a port number (1-65535)");
        return null;
    }

    private static String string(Object value, String field, ImportProblems problems, boolean required, int max) {
        if (value == null) {
            if (required) {
                problems.refuse(field, "is required");
            }
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            problems.refuse(field, "must be text");
            return null;
        }
        String text = String.valueOf(value);
        if (text.length() > max) {
            problems.refuse(field, "longer than " + max + " characters");
            return null;
        }
        return text;
    }

    /**
     * Locale-keyed texts by language: {@code hu_HU} and {@code hu} both become {@code hu}; when one language comes
     * in several regions the first one in the file is kept. {@code ours}: our format, which requires hu and en.
     */
    private static Map<String, String> texts(Object value, String field, ImportProblems problems, boolean ours) {
        if (value == null) {
            if (ours) {
                problems.refuse(field, "is required, with hu and en");
            }
            return null;
        }
        Map<String, Object> byLocale = map(value);
        if (byLocale == null) {
            problems.refuse(field, "must be a mapping of language to text (hu: ..., en: ...)");
            return null;
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : byLocale.entrySet()) {
            String language = e.getKey().split("[_-]", 2)[0].toLowerCase(Locale.ROOT);
            if (!language.matches("[a-z]{2,3}")) {
                problems.refuse(field + "." + e.getKey(), "is not a language code such as hu or en_US");
                continue;
            }
            if (e.getValue() instanceof Map || e.getValue() instanceof List || e.getValue() == null) {
                problems.refuse(field + "." + e.getKey(), "must be text");
                continue;
            }
            texts.putIfAbsent(language, String.valueOf(e.getValue()));
        }
        if (ours) {
            for (String language : REQUIRED_LANGUAGES) {
                if (!texts.containsKey(language)) {
                    problems.refuse(field + "." + language, "is required");
                }
            }
        }
        return texts;
    }

    private static List<CatalogApp.InstallField> installFields(Object value, ImportProblems problems) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            problems.refuse(HOMEFLEET + ".install_fields", "must be a list");
            return List.of();
        }
        List<CatalogApp.InstallField> fields = new ArrayList<>();
        Set<String> keys = new java.util.HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = HOMEFLEET + ".install_fields[" + i + "]";
            Map<String, Object> f = map(list.get(i));
            if (f == null) {
                problems.refuse(at, "must be a mapping");
                continue;
            }
            for (String k : f.keySet()) {
                if (!FIELD_KEYS.contains(k)) {
                    problems.refuse(at + "." + k, "unknown field (known: " + String.join(", ",
                            new java.util.TreeSet<>(FIELD_KEYS)) + ")");
                }
            }
            String key = f.get("key") instanceof String s && s.matches("^[a-z][a-z0-9_]{0,63}$") ? s : null;
            if (key == null) {
                problems.refuse(at + ".key", "is required: a-z, 0-9 and '_', starting with a letter");
            } else if (!keys.add(key)) {
                problems.refuse(at + ".key", "'" + key + "' appears twice");
            }
            String type = f.get("type") instanceof String s ? s : null;
            if (type == null || !InstallFieldTypes.TYPES.contains(type)) {
                problems.refuse(at + ".type", "must be one of " + InstallFieldTypes.TYPES);
                type = null;
            }
            Map<String, String> label = texts(f.get("label"), at + ".label", problems, true);
            List<String> choices = null;
            if (f.get("choices") != null) {
                if (f.get("choices") instanceof List<?> c && !c.isEmpty()) {
                    choices = c.stream().map(String::valueOf).toList();
                } else {
                    problems.refuse(at + ".choices", "must be a non-empty list");
                }
            }
            if ("choice".equals(type) && choices == null) {
                problems.refuse(at + ".choices", "is required for a field of type choice");
            }
            Object def = f.get("default");
            if (def != null && type != null && !InstallFieldTypes.accepts(type, choices, def)) {
                problems.refuse(at + ".default", "'" + def + "' is not a valid " + type);
            }
            if (f.get("required") != null && !(f.get("required") instanceof Boolean)) {
                problems.refuse(at + ".required", "must be true or false");
            }
            String env = string(f.get("env"), at + ".env", problems, false, 255);
            fields.add(new CatalogApp.InstallField(key == null ? "invalid" : key, type == null ? "string" : type,
                    label == null ? Map.of() : label, f.get("required") instanceof Boolean b ? b : null, def, choices,
                    env));
        }
        return fields;
    }

    private static CatalogApp.Backup backup(Object value, List<CatalogApp.Service> services,
            ImportProblems problems) {
        if (value == null) {
            return null;
        }
        String at = HOMEFLEET + ".backup";
        Map<String, Object> b = map(value);
        if (b == null) {
            problems.refuse(at, "must be a mapping with paths and dump");
            return null;
        }
        unknownKeys(b, BACKUP_KEYS, at, problems);
        List<String> paths = new ArrayList<>();
        if (b.get("paths") != null) {
            if (b.get("paths") instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    String path = String.valueOf(list.get(i));
                    if (!DataPaths.insideDataDirectory(path)) {
                        problems.refuse(at + ".paths[" + i + "]", "'" + path + "' is not inside the app's data "
                                + "directory (write ./something, without ..)");
                    }
                    paths.add(path);
                }
            } else {
                problems.refuse(at + ".paths", "must be a list of paths inside the app's data directory");
            }
        }
        CatalogApp.Dump dump = null;
        if (b.get("dump") != null) {
            Map<String, Object> d = map(b.get("dump"));
            if (d == null) {
                problems.refuse(at + ".dump", "must be a mapping with service, command and output");
            } else {
                unknownKeys(d, DUMP_KEYS, at + ".dump", problems);
                String service = string(d.get("service"), at + ".dump.service", problems, true, 255);
                if (service != null && services.stream().noneMatch(s -> s.name().equals(service))) {
                    problems.refuse(at + ".dump.service", "names no service of this file: '" + service + "'");
                }
                String command = string(d.get("command"), at + ".dump.command", problems, true, 4096);
                String output = string(d.get("output"), at + ".dump.output", problems, false, 4096);
                if (output != null && !DataPaths.insideDataDirectory(output)) {
                    problems.refuse(at + ".dump.output", "'" + output + "' is not inside the app's data directory");
                }
                dump = new CatalogApp.Dump(service == null ? "" : service, command == null ? "" : command, output);
            }
        }
        return new CatalogApp.Backup(paths, dump);
    }

    private static void unknownKeys(Map<String, Object> block, Set<String> known, String at,
            ImportProblems problems) {
        for (String k : block.keySet()) {
            if (!known.contains(k)) {
                problems.refuse(at + "." + k, "unknown field (known: " + String.join(", ", new java.util.TreeSet<>(known))
                        + ")");
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (value instanceof Map<?, ?> m && m.keySet().stream().allMatch(k -> k instanceof String)) {
            return (Map<String, Object>) m;
        }
        return null;
    }

    /** One service: checked, described, and rewritten to what a guest runs. */
    private static final class ServiceCheck {
        private final String name;
        private final Map<String, Object> service;
        private final boolean casaos;
        private final ImportProblems problems;
        private final String at;
        private final Map<String, Object> descriptions;

        ServiceCheck(String name, Map<String, Object> service, boolean casaos, ImportProblems problems) {
            this.name = name;
            this.service = service;
            this.casaos = casaos;
            this.problems = problems;
            this.at = "services." + name;
            Map<String, Object> store = map(service.remove(CASAOS));
            this.descriptions = store == null ? Map.of() : store;
            service.remove(HOMEFLEET);
        }

        Map<String, Object> service() {
            return service;
        }

        CatalogApp.Service run() {
            if (service.containsKey("build")) {
                problems.refuse(at + ".build", "images are pulled, never built on a guest: name an image instead");
            }
            if (Boolean.TRUE.equals(service.get("privileged")) || "true".equals(String.valueOf(service.get("privileged")))) {
                problems.refuse(at + ".privileged", "a de-privileged guest cannot run privileged containers");
            }
            for (String ns : List.of("network_mode", "pid", "ipc", "userns_mode", "uts")) {
                if ("host".equals(service.get(ns))) {
                    problems.refuse(at + "." + ns, "the host's " + (ns.equals("network_mode") ? "network" : ns)
                            + " namespace is not available to apps");
                }
            }
            for (String key : List.of("devices", "cap_add", "sysctls", "security_opt", "device_cgroup_rules")) {
                if (service.containsKey(key)) {
                    if (casaos) {
                        service.remove(key);
                        problems.notice(at + "." + key, "dropped: a de-privileged guest cannot grant "
                                + (key.equals("devices") ? "host devices" : key.replace('_', ' ')));
                    } else {
                        problems.refuse(at + "." + key, "a de-privileged guest cannot grant "
                                + (key.equals("devices") ? "host devices" : key.replace('_', ' ')));
                    }
                }
            }
            String image = image();
            List<CatalogApp.Volume> volumes = volumes();
            return new CatalogApp.Service(name, image == null ? "" : image,
                    image != null && image.contains("@sha256:"), ports(), volumes, environment());
        }

        private String image() {
            Object value = service.get("image");
            if (!(value instanceof String image) || image.isBlank()) {
                problems.refuse(at + ".image", "is required: every service names the image it runs");
                return null;
            }
            if (!IMAGE.matcher(image).matches()) {
                problems.refuse(at + ".image", "'" + image + "' is not an image reference (name[:tag][@sha256:digest],"
                        + " no variables)");
                return image;
            }
            if (!image.contains("@sha256:")) {
                String last = image.substring(image.lastIndexOf('/') + 1);
                problems.notice(at + ".image", "'" + image + "' is not pinned by digest (@sha256:...)"
                        + (last.contains(":") ? "" : "; without a tag it means :latest")
                        + ": a re-pushed tag changes what guests run");
            }
            return image;
        }

        private List<CatalogApp.Port> ports() {
            Object value = service.get("ports");
            if (value == null) {
                return null;
            }
            if (!(value instanceof List<?> list)) {
                problems.refuse(at + ".ports", "must be a list");
                return null;
            }
            List<CatalogApp.Port> ports = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String field = at + ".ports[" + i + "]";
                Object p = list.get(i);
                Map<String, Object> long_ = map(p);
                Integer target;
                Integer published;
                String protocol;
                if (long_ != null) {
                    target = port(long_.get("target"), field + ".target", problems);
                    published = long_.get("published") == null ? null
                            : port(long_.get("published"), field + ".published", problems);
                    protocol = long_.get("protocol") == null ? null : String.valueOf(long_.get("protocol"));
                } else if (p instanceof String || p instanceof Integer) {
                    String spec = String.valueOf(p);
                    protocol = null;
                    int slash = spec.indexOf('/');
                    if (slash >= 0) {
                        protocol = spec.substring(slash + 1);
                        spec = spec.substring(0, slash);
                    }
                    String[] parts = spec.split(":");
                    target = port(parts[parts.length - 1], field, problems);
                    published = parts.length >= 2 ? port(parts[parts.length - 2], field, problems) : null;
                } else {
                    problems.refuse(field, "must be \"published:target\" or a mapping with target and published");
                    continue;
                }
                if (target == null) {
                    if (long_ != null && long_.get("target") == null) {
                        problems.refuse(field + ".target", "is required");
                    }
                    continue;
                }
                ports.add(new CatalogApp.Port(target, published, protocol, described("ports", String.valueOf(target))));
            }
            return ports;
        }

        private List<CatalogApp.Volume> volumes() {
            Object value = service.get("volumes");
            if (value == null) {
                return null;
            }
            if (!(value instanceof List<?> list)) {
                problems.refuse(at + ".volumes", "must be a list");
                return null;
            }
            List<CatalogApp.Volume> volumes = new ArrayList<>();
            List<Object> kept = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String field = at + ".volumes[" + i + "]";
                Object v = list.get(i);
                Map<String, Object> long_ = map(v);
                String source;
                String target;
                boolean readOnly;
                if (long_ != null) {
                    source = long_.get("source") == null ? null : String.valueOf(long_.get("source"));
                    target = long_.get("target") == null ? null : String.valueOf(long_.get("target"));
                    readOnly = Boolean.TRUE.equals(long_.get("read_only"));
                } else if (v instanceof String spec) {
                    String[] parts = spec.split(":");
                    source = parts.length >= 2 ? parts[0] : null;
                    target = parts.length >= 2 ? parts[1] : parts[0];
                    readOnly = parts.length >= 3 && parts[2].contains("ro");
                } else {
                    problems.refuse(field, "must be \"source:target[:ro]\" or a mapping with source and target");
                    continue;
                }
                if (target == null || target.isBlank()) {
                    problems.refuse(field + ".target", "is required");
                    continue;
                }
                String placed = place(source, field);
                if (source != null && placed == null) {
                    continue;
                }
                if (long_ != null) {
                    Map<String, Object> rewritten = new LinkedHashMap<>(long_);
                    if (placed != null) {
                        rewritten.put("source", placed);
                    }
                    kept.add(rewritten);
                } else {
                    kept.add(placed == null ? v : placed + ":" + ((String) v).substring(source.length() + 1));
                }
                volumes.add(new CatalogApp.Volume(placed, target, readOnly ? Boolean.TRUE : null,
                        described("volumes", target)));
            }
            service.put("volumes", kept);
            return volumes;
        }

        /**
         * Where a volume's source goes: a named volume or a path inside the app's data directory stays; CasaOS's
         * {@code /DATA} moves into the data directory; anything else is refused (or, for a CasaOS file, dropped).
         * Null when the volume is dropped or refused.
         */
        private String place(String source, String field) {
            if (source == null || DataPaths.isNamedVolume(source) || DataPaths.insideDataDirectory(source)) {
                return source;
            }
            String normalized = source.replace("${AppID}", "$AppID");
            if (DOCKER_SOCKETS.contains(normalized) || normalized.endsWith("docker.sock")
                    || normalized.endsWith("podman.sock")) {
                problems.refuse(field + ".source", "the container engine's socket would give the app the whole guest");
                return null;
            }
            if (normalized.startsWith("/dev/") || normalized.equals("/dev")) {
                if (casaos) {
                    problems.notice(field, "dropped: a de-privileged guest cannot pass host devices (" + source + ")");
                    return null;
                }
                problems.refuse(field + ".source", "device mounts are not available to apps");
                return null;
            }
            if (casaos && normalized.contains("..") == false && normalized.startsWith("/DATA/")) {
                String inside = CASAOS_APP_DATA.matcher(normalized).matches()
                        ? "." + normalized.replaceFirst("^/DATA/AppData/[^/]+", "")
                        : "./" + normalized.substring("/DATA/".length());
                if (inside.equals(".")) {
                    inside = "./";
                }
                problems.notice(field + ".source", "'" + source + "' placed in the app's data directory as '"
                        + inside + "'");
                return inside;
            }
            if (casaos && normalized.startsWith("/")) {
                problems.notice(field, "dropped: host path '" + source + "' is outside the app's data directory");
                return null;
            }
            problems.refuse(field + ".source", "'" + source + "' is outside the app's data directory (write "
                    + "./something, without ..; or use a named volume)");
            return null;
        }

        private List<CatalogApp.EnvVar> environment() {
            Object value = service.get("environment");
            if (value == null) {
                return null;
            }
            Map<String, String> env = new LinkedHashMap<>();
            if (map(value) != null) {
                map(value).forEach((k, v) -> env.put(k, v == null ? null : String.valueOf(v)));
            } else if (value instanceof List<?> list) {
                for (Object item : list) {
                    String entry = String.valueOf(item);
                    int eq = entry.indexOf('=');
                    env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? null : entry.substring(eq + 1));
                }
            } else {
                problems.refuse(at + ".environment", "must be a mapping or a list of NAME=value");
                return null;
            }
            List<CatalogApp.EnvVar> vars = new ArrayList<>();
            env.forEach((k, v) -> vars.add(new CatalogApp.EnvVar(k, v, described("envs", k))));
            return vars;
        }

        /** The CasaOS per-service description of a port, volume or variable ({@code container} matches). */
        private Map<String, String> described(String kind, String container) {
            if (!(descriptions.get(kind) instanceof List<?> list)) {
                return null;
            }
            for (Object item : list) {
                Map<String, Object> d = map(item);
                if (d != null && container.equals(String.valueOf(d.get("container")))) {
                    Map<String, Object> texts = map(d.get("description"));
                    if (texts == null) {
                        return null;
                    }
                    Map<String, String> byLanguage = new LinkedHashMap<>();
                    texts.forEach((locale, text) -> byLanguage.putIfAbsent(
                            locale.split("[_-]", 2)[0].toLowerCase(Locale.ROOT), String.valueOf(text)));
                    return byLanguage;
                }
            }
            return null;
        }
    }

    static ProblemException notFound(String id) {
        return ProblemException.of(ProblemType.NOT_FOUND, "no app '" + id + "' in the catalog");
    }
}
