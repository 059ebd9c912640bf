package io.customerhub.matching.standardize;

/**
 * The family names found in one family-name field that may carry a French marital form:
 * "MARTIN née DUPONT" (used MARTIN, birth DUPONT) or "DUPONT épouse MARTIN" (birth DUPONT, used
 * MARTIN). Either may be null.
 */
public record FamilyNames(NormalizedName usedName, NormalizedName birthName) {
}
