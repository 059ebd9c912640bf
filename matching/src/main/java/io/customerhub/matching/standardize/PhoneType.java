package io.customerhub.matching.standardize;

/** What kind of line a phone number is, as libphonenumber's numbering plan says. */
public enum PhoneType {
    MOBILE,
    LANDLINE,
    /** Plans that do not tell them apart (United States, Canada). */
    FIXED_LINE_OR_MOBILE,
    /** VoIP, toll-free, premium, shared-cost, personal and other numbers. */
    OTHER
}
