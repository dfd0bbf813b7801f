package example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ItwinSpringBootApplication {

    public static void main(String[] args) {
        SpringApplication.run(ItwinSpringBootApplication.class, args);
    }
}
