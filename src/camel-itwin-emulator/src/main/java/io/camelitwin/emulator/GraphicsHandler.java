package io.camelitwin.emulator;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The graphics of a repository resource, with and without the iTwin in the path. */
final class GraphicsHandler {

    private static final Pattern REPOSITORY_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final EmulatorState state;

    GraphicsHandler(EmulatorState state) {
        this.state = state;
    }

    void get(ApiExchange call) throws IOException {
        respond(call, repository(call));
    }

    void getInITwin(ApiExchange call) throws IOException {
        EmulatorState.Repository repository = repository(call);
        String iTwinId = call.pathParameter("iTwinId");
        if (!state.isMember(call.clientId(), iTwinId)) {
            throw ErrorResponses.iTwinNotFound();
        }
        if (!repository.iTwinId().equals(iTwinId)) {
            throw ErrorResponses.repositoryNotFound();
        }
        respond(call, repository);
    }

    private EmulatorState.Repository repository(ApiExchange call) {
        String repositoryId = call.pathParameter("repositoryId");
        if (!REPOSITORY_ID.matcher(repositoryId).matches()) {
            throw ErrorResponses.invalidITwinsRequest(
                    "Cannot query Repository Resources.",
                    ErrorResponses.invalidValue("repositoryId", "repositoryId contains an invalid value."));
        }
        return state.repository(repositoryId)
                .filter(repository -> state.isMember(call.clientId(), repository.iTwinId()))
                .orElseThrow(ErrorResponses::repositoryNotFound);
    }

    private static void respond(ApiExchange call, EmulatorState.Repository repository) throws IOException {
        List<EmulatorState.Graphic> graphics = repository.resources().get(call.pathParameter("resourceId"));
        if (graphics == null) {
            throw ErrorResponses.resourceNotFound();
        }
        call.respondJson(200, Map.of("graphics", graphics));
    }
}
