package io.faultline.provision.docker.service;

/** A service that never passed its health check: the run cannot test anything that needs it. */
public final class ServiceNotHealthy extends IllegalStateException {
    private final String service;

    ServiceNotHealthy(String service, String message) {
        super(message);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
