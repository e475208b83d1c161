package dev.plimsoll.autoscaler.crd;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One served model the autoscaler keeps within its SLA: {@code plimsoll.dev/v1alpha1
 * ServingAutoscaler}. The CRD is generated from these classes (crd-generator-maven-plugin) into
 * {@code META-INF/fabric8/servingautoscalers.plimsoll.dev-v1.yml}.
 */
@Group("plimsoll.dev")
@Version("v1alpha1")
@ShortNames("psa")
public class ServingAutoscaler extends CustomResource<ServingAutoscalerSpec, ServingAutoscalerStatus>
        implements Namespaced {
    private static final long serialVersionUID = 1L;
}
