package io.camelitwin.component;

import io.camelitwin.client.error.ITwinValidationException;
import io.camelitwin.client.model.ImageSize;

/** The parameters of one call, after headers have been applied over the endpoint's options. */
record ITwinRequest(
        ITwinOperations operation,
        String iTwinId,
        String iModelId,
        String repositoryId,
        String resourceId,
        ImageSize size) {

    String requiredITwinId() {
        return required("iTwinId", ITwinConstants.ITWIN_ID, iTwinId);
    }

    String requiredIModelId() {
        return required("iModelId", ITwinConstants.IMODEL_ID, iModelId);
    }

    String requiredRepositoryId() {
        return required("repositoryId", ITwinConstants.REPOSITORY_ID, repositoryId);
    }

    String requiredResourceId() {
        return required("resourceId", ITwinConstants.RESOURCE_ID, resourceId);
    }

    private String required(String option, String header, String value) {
        if (value == null || value.isBlank()) {
            throw new ITwinValidationException(
                    option,
                    operation + " needs " + option + ": set the " + option + " option or the " + header + " header");
        }
        return value;
    }
}
