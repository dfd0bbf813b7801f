package io.camelitwin.component;

/**
 * What the imageChanges consumer's first poll does with the images it finds. It applies only to a state that has never
 * been through a poll: once a poll has recorded its baseline, an iTwin seen for the first time is an addition, whatever
 * this says.
 */
public enum StartFrom {
    /** The first poll records every current image without emitting: only later changes are events. */
    now,
    /** The first poll emits an added event for every current image. */
    beginning
}
