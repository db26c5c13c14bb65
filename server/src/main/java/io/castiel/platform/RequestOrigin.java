package io.castiel.platform;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import jakarta.servlet.http.HttpServletRequest;

/** Where the current request came from, for the audit log. Empty outside a request. */
@Component
public class RequestOrigin {

    public record Origin(String ip, String userAgent) {
    }

    public Origin current() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return new Origin(null, null);
        }
        HttpServletRequest request = attributes.getRequest();
        String agent = request.getHeader("User-Agent");
        if (agent != null && agent.length() > 512) {
            agent = agent.substring(0, 512);
        }
        return new Origin(request.getRemoteAddr(), agent);
    }
}
