package io.homefleet.controller.web;

import io.homefleet.service.web.BrowserRequests;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The language switch: remembers the choice in this browser and returns to the page it came from. */
@Path("/language")
public class LanguageResource {
    private static final int ONE_YEAR = 365 * 24 * 3600;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response choose(@FormParam("lang") String lang, @FormParam("back") String back) {
        return Response.seeOther(URI.create(BrowserRequests.safeNext(back))).cookie(cookie(lang)).build();
    }

    /** The browser's language choice, a year long. */
    static NewCookie cookie(String lang) {
        return new NewCookie.Builder(Languages.COOKIE)
                .value(Languages.pick(lang))
                .path("/")
                .maxAge(ONE_YEAR)
                .sameSite(NewCookie.SameSite.LAX)
                .httpOnly(true)
                .build();
    }
}
