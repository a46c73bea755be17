/**
 * Version 1 of the JSON contracts every Homefleet service speaks. Bodies are snake_case; consumers ignore
 * unknown fields; within v1 only additive changes (new optional fields) are allowed. A breaking change is a
 * new {@code v2} package served beside this one.
 */
package io.homefleet.common.contract.v1;
