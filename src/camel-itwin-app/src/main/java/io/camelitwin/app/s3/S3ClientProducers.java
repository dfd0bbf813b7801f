package io.camelitwin.app.s3;

import io.camelitwin.app.config.AppSettings;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Optional;
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
public class S3ClientProducers {

    @Produces
    @Singleton
    @Named("itwinS3Client")
    S3Client s3Client(AppSettings settings) {
        AppSettings.S3 s3 = settings.s3();
        Optional<String> accessKey = s3.accessKey();
        Optional<String> secretKey = s3.secretKey();
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(s3.region()))
                .forcePathStyle(s3.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        s3.endpoint().ifPresent(builder::endpointOverride);
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
}
