package io.camelitwin.emulator;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Keeps the emulator's world in a directory so that a demo survives a restart: {@code index.json} for clients (with
 * hashed secrets), iTwins, iModels and image metadata, and one file per blob or thumbnail rendition. Graphics
 * repositories and counters are not kept; the demo data recreates the repositories.
 *
 * <p>A save writes only what changed since the last one: the stores never modify a byte array they hold (an upload
 * brings new arrays), so a file whose array is the one last written or loaded is left alone.
 */
final class DataDirectory {

    private record ITwinEntry(String id, String displayName, String number, String createdDateTime) {}

    private record ImageEntry(String id, String smallName, String largeName, String contentType) {}

    private record Index(
            Map<String, String> clients,
            List<ITwinEntry> iTwins,
            Map<String, List<String>> memberships,
            List<EmulatorState.IModel> iModels,
            Map<String, Map<String, IModelAccess>> iModelGrants,
            Map<String, ImageEntry> images,
            List<String> thumbnails) {}

    private final Path root;
    /** What each blob and thumbnail file holds, as last written or loaded. */
    private final Map<Path, byte[]> written = new HashMap<>();

    private byte[] writtenIndex;
    /** Whether files no index names (left by an interrupted save) have been cleared since this emulator started. */
    private boolean swept;

    DataDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    boolean hasSavedState() {
        return Files.exists(root.resolve("index.json"));
    }

    void load(EmulatorState state, ImageStore images, ThumbnailStore thumbnails) throws IOException {
        Index index = Json.MAPPER.readValue(root.resolve("index.json").toFile(), new TypeReference<Index>() {});
        index.clients().forEach((clientId, secret) -> state.restoreClient(clientId, hashed(secret)));
        for (ITwinEntry entry : index.iTwins()) {
            state.addITwin(new EmulatorState.ITwin(
                    entry.id(), entry.displayName(), entry.number(), Instant.parse(entry.createdDateTime())));
        }
        index.memberships().forEach((clientId, ids) -> ids.forEach(id -> state.addMember(id, clientId)));
        index.iModels().forEach(state::addIModel);
        index.iModelGrants()
                .forEach((iModelId, grants) ->
                        grants.forEach((clientId, access) -> state.grantIModel(iModelId, clientId, access)));
        for (Map.Entry<String, ImageEntry> entry : index.images().entrySet()) {
            ImageEntry image = entry.getValue();
            images.restore(
                    entry.getKey(),
                    new ImageStore.StoredImage(image.id(), image.smallName(), image.largeName()),
                    new ImageStore.Blob(
                            read(blobFile(ImageStore.SMALL_CONTAINER, image.smallName())), image.contentType()),
                    new ImageStore.Blob(
                            read(blobFile(ImageStore.LARGE_CONTAINER, image.largeName())), image.contentType()));
        }
        for (String iModelId : index.thumbnails()) {
            Map<ThumbnailSize, byte[]> renditions = new EnumMap<>(ThumbnailSize.class);
            for (ThumbnailSize size : ThumbnailSize.values()) {
                renditions.put(size, read(thumbnailFile(iModelId, size)));
            }
            thumbnails.restore(iModelId, renditions);
        }
    }

    /** Writes blobs first and the index last (atomically), so that the index never names a missing file. */
    synchronized void save(EmulatorState state, ImageStore images, ThumbnailStore thumbnails) {
        try {
            Map<Path, byte[]> files = new HashMap<>();
            Map<String, ImageEntry> imageEntries = new LinkedHashMap<>();
            for (Map.Entry<String, ImageStore.StoredImage> entry : images.all().entrySet()) {
                ImageStore.StoredImage image = entry.getValue();
                ImageStore.Blob small = images.blob(ImageStore.SMALL_CONTAINER, image.smallName())
                        .orElse(null);
                ImageStore.Blob large = images.blob(ImageStore.LARGE_CONTAINER, image.largeName())
                        .orElse(null);
                if (small == null || large == null) {
                    continue;
                }
                files.put(blobFile(ImageStore.SMALL_CONTAINER, image.smallName()), small.bytes());
                files.put(blobFile(ImageStore.LARGE_CONTAINER, image.largeName()), large.bytes());
                imageEntries.put(
                        entry.getKey(),
                        new ImageEntry(image.id(), image.smallName(), image.largeName(), large.contentType()));
            }
            List<String> thumbnailIds = new ArrayList<>();
            for (Map.Entry<String, Map<ThumbnailSize, byte[]>> entry :
                    thumbnails.all().entrySet()) {
                entry.getValue().forEach((size, bytes) -> files.put(thumbnailFile(entry.getKey(), size), bytes));
                thumbnailIds.add(entry.getKey());
            }
            writeChanged(files);
            Map<String, String> clients = new TreeMap<>();
            state.clientSecretHashes().forEach((clientId, secret) -> clients.put(clientId, secret.encoded()));
            List<ITwinEntry> iTwins = state.iTwins().values().stream()
                    .map(t -> new ITwinEntry(
                            t.id(),
                            t.displayName(),
                            t.number(),
                            t.createdDateTime().toString()))
                    .toList();
            Map<String, List<String>> memberships = new LinkedHashMap<>();
            state.memberships().forEach((clientId, ids) -> memberships.put(clientId, List.copyOf(ids)));
            Index index = new Index(
                    clients,
                    iTwins,
                    memberships,
                    List.copyOf(state.iModels().values()),
                    state.iModelGrants(),
                    imageEntries,
                    thumbnailIds);
            byte[] json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(index);
            if (!Arrays.equals(json, writtenIndex)) {
                write(root.resolve("index.json"), json);
                writtenIndex = json;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the emulator state to " + root, e);
        }
    }

    /** Writes the files whose bytes are not those last written, and deletes the files no longer wanted. */
    private void writeChanged(Map<Path, byte[]> files) throws IOException {
        for (Map.Entry<Path, byte[]> file : files.entrySet()) {
            if (written.get(file.getKey()) != file.getValue()) {
                write(file.getKey(), file.getValue());
                written.put(file.getKey(), file.getValue());
            }
        }
        for (Path gone : new ArrayList<>(written.keySet())) {
            if (!files.containsKey(gone)) {
                Files.deleteIfExists(gone);
                written.remove(gone);
            }
        }
        if (!swept) {
            deleteUnknown(root.resolve("blobs"));
            deleteUnknown(root.resolve("thumbnails"));
            swept = true;
        }
    }

    /** Hashes a secret that an index written before secrets were hashed still holds in plain text. */
    private static SecretHash hashed(String stored) {
        return SecretHash.isEncoded(stored) ? SecretHash.parse(stored) : SecretHash.of(stored);
    }

    private byte[] read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        written.put(file, bytes);
        return bytes;
    }

    private Path blobFile(String container, String name) {
        return inside(root.resolve("blobs").resolve(container).resolve(name));
    }

    private Path thumbnailFile(String iModelId, ThumbnailSize size) {
        return inside(
                root.resolve("thumbnails").resolve(iModelId + "." + size.name().toLowerCase(Locale.ROOT) + ".png"));
    }

    /** Ids come from callers: none may lead a file outside the directory. */
    private Path inside(Path path) {
        Path normalized = path.normalize();
        if (!normalized.startsWith(root)) {
            throw new IllegalArgumentException("refusing a path outside the data directory: " + path);
        }
        return normalized;
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, bytes);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void deleteUnknown(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!written.containsKey(file)) {
                    Files.delete(file);
                }
            }
        }
    }
}
