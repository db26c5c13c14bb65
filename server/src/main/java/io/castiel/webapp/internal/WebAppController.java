package io.castiel.webapp.internal;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code GET /}: resource handlers never see the bare root, so it is answered here. Without a
 * built app (a {@code -Dskip.web=true} build) a short page says so, as a 404.
 */
@Controller
class WebAppController {

    private final WebApp app;

    WebAppController(WebApp app) {
        this.app = app;
    }

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<?> root() {
        if (!app.built()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).cacheControl(WebAppConfiguration.PAGES).contentType(MediaType.TEXT_HTML)
                    .body(app.notBuiltPage());
        }
        return ResponseEntity.ok().cacheControl(WebAppConfiguration.PAGES).contentType(MediaType.TEXT_HTML).<Resource>body(app.index());
    }
}
