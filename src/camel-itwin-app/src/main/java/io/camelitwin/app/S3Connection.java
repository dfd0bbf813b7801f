package io.camelitwin.app;

import io.camelitwin.component.state.RedisStateRepository;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The S3 client of the S3 route ({@code itwin.s3.*}), given to the {@code aws2-s3} component, for any S3-compatible
 * store: an endpoint of its own, path-style addressing, static keys or the AWS default credentials chain. Checksums
 * are sent only where S3 requires them: the trailing checksums the AWS SDK adds by default are refused by stores that
 * do not implement them.
 */
public class S3Connection {

    @Produces
    @Singleton
    @Named("itwinS3Client")
    S3Client s3Client(
            @ConfigProperty(name = "itwin.s3.region") String region,
            @ConfigProperty(name = "itwin.s3.endpoint") Optional<URI> endpoint,
            @ConfigProperty(name = "itwin.s3.path-style") boolean pathStyle,
            @ConfigProperty(name = "itwin.s3.access-key") Optional<String> accessKey,
            @ConfigProperty(name = "itwin.s3.secret-key") Optional<String> secretKey,
            S3AfterUploadCheck.AfterUpload afterUpload) {
        // the route reads the key itself; reading it here too runs its check while the S3 endpoint is made, before any
        // route starts, where an observer of the start event would come after the routes may have deleted objects
        afterUpload.value();
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(region))
                .forcePathStyle(pathStyle)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        endpoint.ifPresent(builder::endpointOverride);
        if (accessKey.isPresent() && secretKey.isPresent()) {
            builder.credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey.get(), secretKey.get())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }

    void close(@Disposes S3Client client) {
        client.close();
    }

    /**
     * The ETag of the object being sent to each iTwin, written before the upload: see {@link UploadJournal}. In Redis
     * when {@code itwin.redis.url} is set: the S3 route runs on one replica at a time, and the replica that takes it
     * over after a crash must see what the last one was sending. Else in {@code itwin.s3.journal-file}.
     */
    @Produces
    @Singleton
    @Named("s3UploadsInFlight")
    StateRepository<String, String> uploadsInFlight(
            @ConfigProperty(name = "itwin.redis.url") Optional<String> redisUrl,
            @ConfigProperty(name = "itwin.s3.journal-file", defaultValue = "data/state/s3-uploads-in-flight.dat")
                    Path journalFile,
            PlatformConnection platform)
            throws IOException {
        if (redisUrl.isPresent()) {
            RedisStateRepository shared =
                    new RedisStateRepository(redisUrl.get(), RedisKeys.of(platform.clientId(), "s3-uploads-in-flight"));
            shared.start();
            return shared;
        }
        return FolderUploadState.opened(journalFile);
    }

    void closeJournal(@Disposes @Named("s3UploadsInFlight") StateRepository<String, String> repository) {
        ServiceHelper.stopService(repository);
    }

    @Produces
    @Singleton
    @Named("s3UploadJournal")
    UploadJournal journal(@Named("s3UploadsInFlight") StateRepository<String, String> uploadsInFlight) {
        return new UploadJournal(uploadsInFlight);
    }
}
