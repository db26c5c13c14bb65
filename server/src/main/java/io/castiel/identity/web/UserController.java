package io.castiel.identity.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.castiel.identity.UserService;
import io.castiel.platform.IdempotentRequests;
import io.castiel.platform.Page;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/users}: everyone in the tenant reads; admins invite, change and remove users.
 * {@code POST /users/{id}/invitation} sends a fresh invitation link to a user who has not accepted.
 */
@RestController
@RequestMapping("/api/v1/users")
class UserController {

    record InviteRequest(String email, String name, List<String> roles) {
    }

    private final UserService users;
    private final IdempotentRequests idempotency;

    UserController(UserService users, IdempotentRequests idempotency) {
        this.users = users;
        this.idempotency = idempotency;
    }

    @GetMapping
    Page<UserService.User> list(@RequestParam(required = false) String status, @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) String cursor) {
        return users.list(status, limit, cursor);
    }

    @GetMapping("/{id}")
    UserService.User get(@PathVariable UUID id) {
        return users.get(id);
    }

    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = UserService.User.class)))
    @PostMapping
    ResponseEntity<?> invite(@RequestBody InviteRequest request,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
        return idempotency.run(idempotencyKey, "POST /users", request, () -> {
            UserService.User user = users.invite(request.email(), request.name(), request.roles());
            return ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).body(user);
        });
    }

    @PostMapping("/{id}/invitation")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void resendInvitation(@PathVariable UUID id) {
        users.resendInvitation(id);
    }

    @PatchMapping(path = "/{id}", consumes = {"application/json", "application/merge-patch+json"})
    UserService.User update(@PathVariable UUID id, @RequestBody JsonNode patch) {
        return users.update(id, patch);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable UUID id) {
        users.remove(id);
    }
}
