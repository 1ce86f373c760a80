package io.faultline.agent.etcd;

/** The gateway answered, but with an error or with something this client cannot read. */
final class EtcdException extends RuntimeException {

    EtcdException(String message) {
        super(message, null, false, false);
    }
}
