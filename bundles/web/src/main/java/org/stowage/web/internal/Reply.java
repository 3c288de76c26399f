package org.stowage.web.internal;

/** A handler's answer with a status other than 200, e.g. 202 with the location of a started task. */
record Reply(int status, Object body, String location) {

    static Reply accepted(Object body, String location) {
        return new Reply(202, body, location);
    }

    static Reply created(Object body) {
        return new Reply(201, body, null);
    }
}
