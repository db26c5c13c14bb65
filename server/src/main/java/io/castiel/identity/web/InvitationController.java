package io.castiel.identity.web;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.castiel.identity.internal.Invitations;
import io.castiel.identity.internal.LoginAnswer;

/** {@code POST /api/v1/auth/invitations/accept}: public; the invitation token is the credential. */
@RestController
class InvitationController {

    record AcceptRequest(String token, String password, String name) {
    }

    private final Invitations invitations;

    InvitationController(Invitations invitations) {
        this.invitations = invitations;
    }

    @PostMapping("/api/v1/auth/invitations/accept")
    LoginAnswer accept(@RequestBody AcceptRequest request) {
        return invitations.accept(request.token(), request.password(), request.name());
    }
}
