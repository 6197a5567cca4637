package io.orderflow.checkout;

/**
 * The checkout's stock hold was given back before its order could take it over: the checkout took
 * longer than a hold lasts ({@link LapsedHolds}). The order is not recorded.
 */
public class HoldLapsed extends RuntimeException {

    public HoldLapsed() {
        super("the checkout's stock hold lapsed before its order was recorded");
    }
}
