package io.camelitwin.emulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;

/** Clients, iTwins, iModels, memberships and repositories. Ids drawn here come from the seed, so runs repeat. */
final class EmulatorState {

    record ITwin(String id, String displayName, String number, Instant createdDateTime) {}

    record IModel(String id, String iTwinId, String displayName, boolean initialized) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GraphicsAuthentication(String type, String key, String value, String username, String password) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GraphicsProvider(String name, Map<String, Object> options) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Graphic(String type, String uri, GraphicsAuthentication authentication, GraphicsProvider provider) {}

    record Repository(String id, String iTwinId, Map<String, List<Graphic>> resources) {}

    private final Map<String, SecretHash> clientSecrets = new ConcurrentHashMap<>();
    private final Map<String, ITwin> iTwins = new ConcurrentSkipListMap<>();
    private final Map<String, NavigableSet<String>> memberships = new ConcurrentHashMap<>();
    private final Map<String, IModel> iModels = new ConcurrentHashMap<>();
    private final Map<String, Map<String, IModelAccess>> iModelAccess = new ConcurrentHashMap<>();
    private final Map<String, Repository> repositories = new ConcurrentHashMap<>();
    private final Random random;

    EmulatorState(long seed) {
        this.random = new Random(seed);
    }

    void addClient(String clientId, String secret) {
        if (clientId == null || clientId.isBlank() || secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("client id and secret must not be blank");
        }
        clientSecrets.put(clientId, SecretHash.of(secret));
    }

    /** A client as the data directory kept it: with the hash of its secret, never the secret. */
    void restoreClient(String clientId, SecretHash secret) {
        clientSecrets.put(clientId, secret);
    }

    boolean hasClient(String clientId) {
        return clientId != null && clientSecrets.containsKey(clientId);
    }

    boolean secretMatches(String clientId, String secret) {
        SecretHash expected = clientId == null ? null : clientSecrets.get(clientId);
        return expected != null && expected.matches(secret);
    }

    Map<String, SecretHash> clientSecretHashes() {
        return Map.copyOf(clientSecrets);
    }

    /** An iTwin created at run time gets its number from its id; seeded and demo iTwins have their own. */
    static ITwin newITwin(String id, String displayName, Instant createdDateTime) {
        return new ITwin(id, displayName, "EMU-" + id.substring(0, Math.min(8, id.length())), createdDateTime);
    }

    void addITwin(ITwin iTwin, String... memberClientIds) {
        iTwins.put(iTwin.id(), iTwin);
        for (String clientId : memberClientIds) {
            addMember(iTwin.id(), clientId);
        }
    }

    void addMember(String iTwinId, String clientId) {
        if (!iTwins.containsKey(iTwinId)) {
            throw new IllegalArgumentException("unknown iTwin " + iTwinId);
        }
        memberships
                .computeIfAbsent(clientId, id -> new ConcurrentSkipListSet<>())
                .add(iTwinId);
    }

    Optional<ITwin> iTwin(String id) {
        return Optional.ofNullable(iTwins.get(id));
    }

    boolean isMember(String clientId, String iTwinId) {
        NavigableSet<String> ids = memberships.get(clientId);
        return ids != null && ids.contains(iTwinId);
    }

    /** The iTwins of a client in a stable order (by id), which is what makes paging consistent. */
    NavigableSet<String> iTwinIdsOf(String clientId) {
        return memberships.getOrDefault(clientId, new ConcurrentSkipListSet<>());
    }

    Map<String, ITwin> iTwins() {
        return Map.copyOf(iTwins);
    }

    Map<String, NavigableSet<String>> memberships() {
        return Map.copyOf(memberships);
    }

    List<String> seedITwins(String clientId, int count, Instant createdDateTime) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = nextUuid();
            ITwin iTwin =
                    new ITwin(id, "Seeded iTwin " + id.substring(0, 8), "SEED-" + id.substring(0, 13), createdDateTime);
            addITwin(iTwin, clientId);
            ids.add(id);
        }
        return ids;
    }

    void addIModel(IModel iModel) {
        iModels.put(iModel.id(), iModel);
    }

    void grantIModel(String iModelId, String clientId, IModelAccess access) {
        if (!iModels.containsKey(iModelId)) {
            throw new IllegalArgumentException("unknown iModel " + iModelId);
        }
        iModelAccess.computeIfAbsent(iModelId, id -> new ConcurrentHashMap<>()).put(clientId, access);
    }

    Optional<IModel> iModel(String id) {
        return Optional.ofNullable(iModels.get(id));
    }

    Optional<IModelAccess> iModelAccess(String clientId, String iModelId) {
        return Optional.ofNullable(iModelAccess.getOrDefault(iModelId, Map.of()).get(clientId));
    }

    Map<String, IModel> iModels() {
        return Map.copyOf(iModels);
    }

    Map<String, Map<String, IModelAccess>> iModelGrants() {
        return Map.copyOf(iModelAccess);
    }

    void addRepository(Repository repository) {
        repositories.put(repository.id(), repository);
    }

    Optional<Repository> repository(String id) {
        return Optional.ofNullable(repositories.get(id));
    }

    String nextUuid() {
        long most;
        long least;
        synchronized (random) {
            most = random.nextLong();
            least = random.nextLong();
        }
        most = (most & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
        least = (least & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    String nextSecretValue() {
        byte[] bytes = new byte[24];
        synchronized (random) {
            random.nextBytes(bytes);
        }
        return HexFormat.of().formatHex(bytes);
    }
}
