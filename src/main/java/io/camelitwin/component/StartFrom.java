package io.camelitwin.component;

/** What the imageChanges consumer does with iTwins it has never seen. */
public enum StartFrom {
    /** The first poll records every current image without emitting: only later changes are events. */
    now,
    /** The first poll emits an added event for every current image. */
    beginning
}
