package io.orderflow.it.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** The EAR the build produced, deployed as it is: the tests exercise what ships. */
public final class Deployments {

    /** Its name on the server: its address in the management model is {@link #ADDRESS}. */
    public static final String NAME = "orderflow.ear";

    public static final String ADDRESS = "/deployment=" + NAME;

    private Deployments() {}

    public static EnterpriseArchive orderFlow() {
        File ear = new File(System.getProperty("orderflow.ear"));
        return ShrinkWrap.create(ZipImporter.class, NAME)
                .importFrom(ear)
                .as(EnterpriseArchive.class);
    }
}
