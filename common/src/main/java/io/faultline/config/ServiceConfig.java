package io.faultline.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** An auxiliary container beside the system under test (e.g. zookeeper); it joins the data network and is never faulted. */
public record ServiceConfig(String name, String image, Map<String, String> env, HealthcheckConfig healthcheck) {

    public ServiceConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }
}
